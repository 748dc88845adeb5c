import { type GraphQLSchema } from 'graphql';
import { checkGrants, type RawFieldGrant } from './checkGrants.js';
import { didYouMean } from './didYouMean.js';
import { type Authorization } from './model.js';
import { type PolicyProblem } from './PolicyLoadError.js';
import { type PolicyYaml } from './readPolicyYaml.js';

/** An authorization file as written (already checked against authorization.schema.json). */
export interface AuthorizationFile {
  id: string;
  title: string;
  legalBasis: string;
  partner: string;
  purposes: string[];
  valid: { from: string; until: string | null };
  scope: 'all' | 'followed';
  capacities?: string[];
  grants: Record<string, RawFieldGrant[]>;
}

export interface KnownNames {
  /** Undefined when partners.yaml itself is broken: then partner references are not checked, to avoid noise. */
  partners: ReadonlySet<string> | undefined;
  purposes: ReadonlySet<string> | undefined;
  /** Capacity code → whether the authorization's partner may register it; undefined when capacities.yaml is broken. */
  capacities: ReadonlySet<string> | undefined;
  /** The capacities each partner may register (partners.yaml). */
  partnerCapacities: ReadonlyMap<string, readonly string[]> | undefined;
}

/** The file name an authorization must have: ISC/24/017 → ISC-24-017.yaml. */
export function authorizationFileName(id: string): string {
  return `${id.replaceAll('/', '-')}.yaml`;
}

/** Checks what the JSON Schema cannot (references, dates, scope, grants against the schema) and builds the model. */
export function toAuthorization(
  yaml: PolicyYaml,
  raw: AuthorizationFile,
  known: KnownNames,
  schema: GraphQLSchema,
  problems: PolicyProblem[],
): Authorization {
  const report = (line: number, message: string): void => void problems.push({ file: yaml.file, line, message });

  // The file name is what reviewers see in a diff; it must not claim another deliberation.
  const expectedFile = authorizationFileName(raw.id);
  if (yaml.file !== expectedFile) report(yaml.lineAt(['id']), `the file of ${raw.id} must be named ${expectedFile}`);

  if (known.partners && !known.partners.has(raw.partner)) {
    report(
      yaml.lineAt(['partner']),
      `unknown partner ${raw.partner}${didYouMean(raw.partner, known.partners)}; partners are declared in partners.yaml`,
    );
  }
  raw.purposes.forEach((purpose, index) => {
    if (known.purposes && !known.purposes.has(purpose)) {
      report(
        yaml.lineAt(['purposes', index]),
        `unknown purpose ${purpose}${didYouMean(purpose, known.purposes)}; purposes are declared in purposes.yaml`,
      );
    }
  });
  if (raw.valid.until !== null && raw.valid.until < raw.valid.from) {
    report(yaml.lineAt(['valid', 'until']), `valid.until ${raw.valid.until} is before valid.from ${raw.valid.from}`);
  }
  const capacities = raw.capacities ?? [];
  if (raw.scope === 'all' && raw.capacities !== undefined) {
    report(yaml.lineAt(['capacities']), "capacities only apply to scope 'followed'; with scope 'all' the partner reads any person");
  }
  capacities.forEach((code, index) => {
    const line = yaml.lineAt(['capacities', index]);
    if (known.capacities && !known.capacities.has(code)) {
      return report(line, `unknown capacity ${code}${didYouMean(code, known.capacities)}; capacities are declared in capacities.yaml`);
    }
    // A capacity the partner cannot register would let it read no one: almost certainly not what the committee meant.
    const registrable = known.partnerCapacities?.get(raw.partner);
    if (registrable && !registrable.includes(code)) {
      report(
        line,
        `partner ${raw.partner} may not register persons in capacity ${code} (partners.yaml), so it could never follow anyone in it`,
      );
    }
  });

  return {
    id: raw.id,
    title: raw.title,
    legalBasis: raw.legalBasis,
    partner: raw.partner,
    purposes: raw.purposes,
    validFrom: raw.valid.from,
    validUntil: raw.valid.until,
    scope: raw.scope,
    capacities,
    grants: checkGrants(yaml, raw.grants, schema, problems),
    location: { file: yaml.file, line: yaml.lineAt(['id']) },
  };
}
