import fs from 'node:fs';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { didYouMean } from './didYouMean.js';
import { type PolicySet, type SourceLocation } from './model.js';
import { PolicyLoadError, type PolicyProblem } from './PolicyLoadError.js';
import { readPolicyYaml, type PolicyYaml } from './readPolicyYaml.js';
import { authorizationFileName } from './toAuthorization.js';
import { validateAgainstSchema } from './validateAgainstSchema.js';

/** One request an authorization must allow or deny, from its `*.cases.yaml`. */
export interface PolicyCase {
  /** The authorization whose file this case sits beside (the case is still evaluated against the whole set). */
  authorizationId: string;
  name: string;
  partner: string;
  purpose: string;
  /** The Belgian calendar day of the request; default the authorization's first valid day. */
  date: string;
  document: DocumentNode;
  operationName?: string;
  variables?: Record<string, unknown>;
  expect: 'allow' | 'deny';
  /** Sorted; empty for an allowed case and for one denied by the scope. */
  uncovered: string[];
  /** Set for a case denied because the partner does not follow a person it reads. */
  code?: 'PERSON_NOT_FOLLOWED';
  /** The directory as the case sees it; undefined: the partner follows every person it reads. */
  followed?: { ssin: string; capacity: string }[];
  location: SourceLocation;
}

interface CaseEntry {
  name: string;
  partner: string;
  purpose: string;
  date?: string;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  expect: 'allow' | 'deny';
  uncovered?: string[];
  code?: 'PERSON_NOT_FOLLOWED';
  followed?: { ssin: string; capacity: string }[];
}

/**
 * Reads every `*.cases.yaml` of the directory. A case that names an unknown
 * partner or purpose, or whose query is not valid against the schema, is a
 * problem: such a "denied" case would pass without testing anything.
 */
export function loadPolicyCases(options: { dir: string; set: PolicySet; schema: GraphQLSchema }): PolicyCase[] {
  const { dir, set, schema } = options;
  const problems: PolicyProblem[] = [];
  const cases: PolicyCase[] = [];
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.cases.yaml'))
    .sort();
  for (const file of files) {
    const authorizationFile = file.replace(/\.cases\.yaml$/, '.yaml');
    const authorization = set.authorizations.find((a) => authorizationFileName(a.id) === authorizationFile);
    if (!authorization) {
      problems.push({ file, line: 1, message: `there is no authorization ${authorizationFile} beside this cases file` });
      continue;
    }
    const yaml = readPolicyYaml(dir, file, problems);
    if (!yaml || !validateAgainstSchema(yaml, 'cases', problems)) continue;
    const names = new Set<string>();
    (yaml.data as CaseEntry[]).forEach((entry, index) => {
      const report = (key: string, message: string): void => void problems.push({ file, line: yaml.lineAt([index, key]), message });
      if (names.has(entry.name)) report('name', `case "${entry.name}" is named twice`);
      names.add(entry.name);
      if (!set.partners.has(entry.partner))
        report('partner', `unknown partner ${entry.partner}${didYouMean(entry.partner, set.partners.keys())}`);
      if (!set.purposes.has(entry.purpose))
        report('purpose', `unknown purpose ${entry.purpose}${didYouMean(entry.purpose, set.purposes.keys())}`);
      if (entry.expect === 'allow' && entry.uncovered) report('uncovered', 'an allowed case lists no uncovered fields');
      if (entry.expect === 'allow' && entry.code) report('code', 'an allowed case has no refusal code');
      entry.followed?.forEach((f, i) => {
        if (!set.capacities.has(f.capacity)) {
          problems.push({
            file,
            line: yaml.lineAt([index, 'followed', i]),
            message: `unknown capacity ${f.capacity}${didYouMean(f.capacity, set.capacities.keys())}`,
          });
        }
      });
      const document = parseCaseQuery(yaml, index, entry.query, schema, problems);
      if (!document) return;
      cases.push({
        authorizationId: authorization.id,
        name: entry.name,
        partner: entry.partner,
        purpose: entry.purpose,
        date: entry.date ?? authorization.validFrom,
        document,
        ...(entry.operationName !== undefined && { operationName: entry.operationName }),
        ...(entry.variables !== undefined && { variables: entry.variables }),
        expect: entry.expect,
        uncovered: [...(entry.uncovered ?? [])].sort(),
        ...(entry.code !== undefined && { code: entry.code }),
        ...(entry.followed !== undefined && { followed: entry.followed }),
        location: { file, line: yaml.lineAt([index]) },
      });
    });
  }
  if (problems.length > 0) throw new PolicyLoadError(problems);
  return cases;
}

function parseCaseQuery(
  yaml: PolicyYaml,
  index: number,
  query: string,
  schema: GraphQLSchema,
  problems: PolicyProblem[],
): DocumentNode | undefined {
  // A block scalar (`query: |`) starts on the line after its key; a one-line query on the key's line.
  const firstLine = yaml.lineAt([index, 'query']) + (query.includes('\n') ? 1 : 0);
  const report = (error: GraphQLError): void =>
    void problems.push({ file: yaml.file, line: firstLine + (error.locations?.[0]?.line ?? 1) - 1, message: `query: ${error.message}` });
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) report(error);
    else throw error;
    return undefined;
  }
  const errors = validate(schema, document);
  errors.forEach(report);
  return errors.length === 0 ? document : undefined;
}
