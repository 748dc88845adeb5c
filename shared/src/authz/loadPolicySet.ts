import fs from 'node:fs';
import { type GraphQLSchema } from 'graphql';
import { todayInBelgium } from '../dates.js';
import { checkReservedGrants } from './checkReservedGrants.js';
import { type Authorization, type PolicySet } from './model.js';
import { PolicyLoadError, type PolicyProblem } from './PolicyLoadError.js';
import { readCapacities } from './readCapacities.js';
import { readPartners } from './readPartners.js';
import { readPolicyYaml } from './readPolicyYaml.js';
import { readPurposes } from './readPurposes.js';
import { toAuthorization, type AuthorizationFile } from './toAuthorization.js';
import { validateAgainstSchema } from './validateAgainstSchema.js';

export interface LoadPolicySetOptions {
  /** The directory holding partners.yaml, purposes.yaml and the authorizations (e.g. `policyDir`). */
  dir: string;
  /**
   * The schema partners see: the API schema of the composed supergraph
   * (`apiSchemaFromSupergraph`). Grants are checked against it.
   */
  supergraph: GraphQLSchema;
  /** Only for `notices` (expired, not yet in force); what loads never depends on the day. Default: now. */
  today?: Date;
}

const nonAuthorizationFiles = new Set(['partners.yaml', 'purposes.yaml', 'capacities.yaml']);

/** The authorization files of a directory, sorted so that problems come out in a stable order. */
export function listAuthorizationFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') && !name.endsWith('.cases.yaml') && !nonAuthorizationFiles.has(name))
    .sort();
}

/**
 * Loads and checks the whole policy set. Every problem of every file is
 * collected; if there is any, one PolicyLoadError carrying all of them is
 * thrown, so a broken set never loads half (half a set could grant less than
 * intended, or — with a broken bound — more).
 */
export function loadPolicySet(options: LoadPolicySetOptions): PolicySet {
  const { dir, supergraph } = options;
  const problems: PolicyProblem[] = [];
  const capacities = readCapacities(dir, problems);
  const partners = readPartners(dir, problems, capacities && new Set(capacities.keys()));
  const purposes = readPurposes(dir, problems);
  const known = {
    partners: partners && new Set(partners.keys()),
    purposes: purposes && new Set(purposes.keys()),
    capacities: capacities && new Set(capacities.keys()),
    partnerCapacities: partners && new Map([...partners.values()].map((p) => [p.id, p.capacities ?? []] as const)),
  };

  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.yml'))) {
    // Silently ignoring it would let the committee believe an authorization is in force.
    problems.push({ file: name, line: 1, message: `policy files end in .yaml; rename ${name}` });
  }

  const authorizations: Authorization[] = [];
  const firstFileOfId = new Map<string, string>();
  for (const file of listAuthorizationFiles(dir)) {
    const yaml = readPolicyYaml(dir, file, problems);
    if (!yaml || !validateAgainstSchema(yaml, 'authorization', problems)) continue;
    const authorization = toAuthorization(yaml, yaml.data as AuthorizationFile, known, supergraph, problems);
    checkReservedGrants(yaml, yaml.data as AuthorizationFile, partners, problems);
    const other = firstFileOfId.get(authorization.id);
    if (other !== undefined) {
      problems.push({
        file,
        line: authorization.location.line,
        message: `authorization ${authorization.id} is already defined in ${other}`,
      });
    }
    firstFileOfId.set(authorization.id, file);
    authorizations.push(authorization);
  }

  if (problems.length > 0) throw new PolicyLoadError(problems);
  const set: PolicySet = { partners: partners!, purposes: purposes!, capacities: capacities!, authorizations };
  set.notices = noticesFor(set, todayInBelgium(options.today));
  return set;
}

function noticesFor(set: PolicySet, today: string): NonNullable<PolicySet['notices']> {
  const notices: NonNullable<PolicySet['notices']> = [];
  for (const a of set.authorizations) {
    if (a.validUntil !== null && a.validUntil < today) notices.push({ ...a.location, message: `${a.id} expired on ${a.validUntil}` });
    if (a.validFrom > today) notices.push({ ...a.location, message: `${a.id} is not in force until ${a.validFrom}` });
  }
  for (const partner of set.partners.values()) {
    if (!set.authorizations.some((a) => a.partner === partner.id)) {
      notices.push({ ...partner.location, message: `partner ${partner.id} has no authorization: every request it makes is refused` });
    }
  }
  return notices;
}
