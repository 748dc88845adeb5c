import { isObjectType, type GraphQLSchema } from 'graphql';
import { scopeOf } from '../diff/scopeOf.js';
import { type Authorization, type Capacity as PolicyCapacity, type PartnerKind, type PolicySet } from '../model.js';
import { authorizationFileName } from '../toAuthorization.js';
import { type DataNames, type Names } from './dataNames.js';
import { type FieldSources } from './fieldSources.js';

export type RegisterStatus = 'in-force' | 'expired' | 'not-yet';

/** How far back a granted field reaches, for the register. */
export type RegisterReach =
  | { kind: 'none' }
  | { kind: 'whole' }
  | { kind: 'bounded'; arguments: { argument: string; notBeforeMonthsAgo: number; allowOmitted: boolean }[] };

export interface RegisterField {
  /** `Person.address`. */
  coordinate: string;
  type: string;
  field: string;
  /** The committee's names; a language is absent where the names file has none. */
  names: Partial<Names>;
  /** The schema's description (English), or null when it has none. */
  description: string | null;
  reach: RegisterReach;
  /** The authentic source (subgraph) the register files it under. */
  source: string;
}

export interface RegisterAuthorization {
  id: string;
  /** `ISC-24-017`: the base name of its file and of its pages. */
  slug: string;
  title: string;
  legalBasis: string;
  partner: { id: string; name: string; kind: PartnerKind | string };
  purposes: { code: string; description: string }[];
  validFrom: string;
  validUntil: string | null;
  status: RegisterStatus;
  scope: { scope: string; capacities: Capacity[] };
  grants: RegisterField[];
}

export interface RegisterPartner {
  id: string;
  name: string;
  kind: string;
  authorizations: string[];
}

/** One field of the data index: who may read it. */
export interface RegisterDataField {
  coordinate: string;
  names: Partial<Names>;
  description: string | null;
  grantedBy: { id: string; slug: string; partner: string; purposes: string[]; status: RegisterStatus }[];
}

export interface RegisterSource {
  source: string;
  names: Partial<Names>;
  types: { type: string; names: Partial<Names>; description: string | null; fields: RegisterDataField[] }[];
}

/** Everything the register publishes: what the pages show and the JSON files hold. */
export interface Register {
  /** The Belgian calendar day the statuses are computed for. */
  generatedOn: string;
  authorizations: RegisterAuthorization[];
  partners: RegisterPartner[];
  sources: RegisterSource[];
  sourceNames: Record<string, Partial<Names>>;
  typeNames: Record<string, Partial<Names>>;
}

export interface BuildRegisterInput {
  set: PolicySet;
  schema: GraphQLSchema;
  sources: FieldSources;
  names: DataNames;
  /** YYYY-MM-DD, Belgian calendar. */
  today: string;
}

/** The order in which the sources are shown: the registers first, the hub's own data last. */
const SOURCE_ORDER = ['persons', 'employment', 'unemployment', 'audit', 'authorizations'];
const sourceRank = (s: string): number => (SOURCE_ORDER.includes(s) ? SOURCE_ORDER.indexOf(s) : SOURCE_ORDER.length);
const bySource = (a: string, b: string): number => sourceRank(a) - sourceRank(b) || (a < b ? -1 : a > b ? 1 : 0);

export function statusOn(a: Pick<Authorization, 'validFrom' | 'validUntil'>, today: string): RegisterStatus {
  if (a.validFrom > today) return 'not-yet';
  if (a.validUntil !== null && a.validUntil < today) return 'expired';
  return 'in-force';
}

/** The register's content from a loaded policy set: each authorization in words, and the indexes by partner and by data. */
export function buildRegister(input: BuildRegisterInput): Register {
  const { set, schema, names, today } = input;
  const sourceOf = (coordinate: string, type: string): string => {
    const candidates = input.sources.fields.get(coordinate) ?? input.sources.types.get(type) ?? [];
    return [...candidates].sort(bySource)[0] ?? 'other';
  };
  const descriptionOf = (type: string, field: string): string | null => {
    const t = schema.getType(type);
    return (isObjectType(t) && t.getFields()[field]?.description?.trim()) || null;
  };

  const authorizations = [...set.authorizations]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a): RegisterAuthorization => {
      const partner = set.partners.get(a.partner);
      const scope = scopeOf(a);
      const grants = Object.entries(a.grants).flatMap(([type, fields]) =>
        fields.map((grant): RegisterField => {
          const coordinate = `${type}.${grant.field}`;
          const reach: RegisterReach =
            grant.history === 'whole'
              ? { kind: 'whole' }
              : grant.arguments
                ? {
                    kind: 'bounded',
                    arguments: Object.entries(grant.arguments).map(([argument, bound]) => ({
                      argument,
                      notBeforeMonthsAgo: bound.notBeforeMonthsAgo ?? 0,
                      allowOmitted: bound.allowOmitted === true,
                    })),
                  }
                : { kind: 'none' };
          return {
            coordinate,
            type,
            field: grant.field,
            names: names.fields[coordinate] ?? {},
            description: descriptionOf(type, grant.field),
            reach,
            source: sourceOf(coordinate, type),
          };
        }),
      );
      return {
        id: a.id,
        slug: authorizationFileName(a.id).replace(/\.yaml$/, ''),
        title: a.title,
        legalBasis: a.legalBasis,
        partner: { id: a.partner, name: partner?.name ?? a.partner, kind: partner?.kind ?? '' },
        purposes: a.purposes.map((code) => ({ code, description: set.purposes.get(code)?.description ?? '' })),
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        status: statusOn(a, today),
        scope: { scope: scope.scope, capacities: scope.capacities.map((code) => registerCapacity(code, set.capacities.get(code))) },
        grants,
      };
    });

  const partners = [...set.partners.values()]
    .map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      authorizations: authorizations.filter((a) => a.partner.id === p.id).map((a) => a.id),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // The data index: source → type → field → the authorizations that grant it.
  const index = new Map<string, Map<string, Map<string, RegisterDataField>>>();
  for (const a of authorizations) {
    for (const g of a.grants) {
      const types = index.get(g.source) ?? index.set(g.source, new Map()).get(g.source)!;
      const fields = types.get(g.type) ?? types.set(g.type, new Map()).get(g.type)!;
      const entry =
        fields.get(g.coordinate) ??
        fields
          .set(g.coordinate, { coordinate: g.coordinate, names: g.names, description: g.description, grantedBy: [] })
          .get(g.coordinate)!;
      entry.grantedBy.push({ id: a.id, slug: a.slug, partner: a.partner.id, purposes: a.purposes.map((p) => p.code), status: a.status });
    }
  }
  const sources = [...index.keys()].sort(bySource).map((source) => ({
    source,
    names: names.sources[source] ?? {},
    types: [...index.get(source)!.entries()]
      .sort(([a], [b]) => (a === 'Query' ? -1 : b === 'Query' ? 1 : a < b ? -1 : a > b ? 1 : 0))
      .map(([type, fields]) => ({
        type,
        names: names.types[type] ?? {},
        description: schema.getType(type)?.description?.trim() || null,
        fields: [...fields.values()].sort((a, b) => (a.coordinate < b.coordinate ? -1 : 1)),
      })),
  }));

  return { generatedOn: today, authorizations, partners, sources, sourceNames: names.sources, typeNames: names.types };
}

/** A capacity of a `followed` scope as the register shows it: the loader's names and description, or its bare code. */
export interface Capacity {
  code: string;
  names: Partial<Names>;
  description?: string;
}

function registerCapacity(code: string, capacity: PolicyCapacity | undefined): Capacity {
  if (!capacity) return { code, names: {} };
  const names: Partial<Names> = {};
  for (const lang of ['nl', 'fr', 'en'] as const) if (capacity.name[lang]) names[lang] = capacity.name[lang];
  return { code, names, ...(capacity.description ? { description: capacity.description } : {}) };
}
