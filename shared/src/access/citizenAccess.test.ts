import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, isObjectType, parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import type { PolicyProblem } from '../authz/PolicyLoadError.js';
import { readPartners } from '../authz/readPartners.js';
import { citizenAccessAuthorization } from './citizenAccess.js';

const auditSchema = fileURLToPath(new URL('../../../subgraphs/audit/src/schema.graphql', import.meta.url));
const directorySchema = fileURLToPath(new URL('../../../subgraphs/directory/src/schema.graphql', import.meta.url));
const ACCESS_LOG_TYPES = ['AccessLogPage', 'AccessLogEntry', 'AccessingPartner', 'ReleasedData'];
const FOLLOWED_BY_TYPES = ['DirectoryEntry', 'DirectoryPartner', 'Capacity', 'CapacityName', 'DirectoryPeriod'];

/** A subgraph's SDL as plain GraphQL, federation directives aside. */
function plainSchema(file: string) {
  const sdl = fs.readFileSync(file, 'utf8').replace(/^extend schema @link[^\n]*\n/m, '');
  return buildASTSchema(parse(`scalar SSIN\nscalar Date\ndirective @key(fields: String!) on OBJECT\n${sdl}`));
}

describe('CITIZEN-ACCESS-LOG', () => {
  it('grants Query.accessLog, Query.followedBy and every field of what they return, so a field added there is a decision, not an accident', () => {
    const fieldsOf = (file: string, names: string[]) => {
      const schema = plainSchema(file);
      return names.flatMap((name) => {
        const type = schema.getType(name);
        return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${name}.${field}`) : [`${name} (missing)`];
      });
    };
    const returned = [...fieldsOf(auditSchema, ACCESS_LOG_TYPES), ...fieldsOf(directorySchema, FOLLOWED_BY_TYPES)];
    const granted = Object.entries(citizenAccessAuthorization.grants).flatMap(([type, fields]) => fields.map((f) => `${type}.${f.field}`));
    expect(granted.sort()).toEqual(['Query.accessLog', 'Query.followedBy', ...returned].sort());
  });
});

describe('the ids reserved for citizens', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-reserved-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(['citizen', 'citizen-idp'])('no partner may be registered as %s', (id) => {
    fs.writeFileSync(
      path.join(dir, 'partners.yaml'),
      `- id: ${id}\n  name: Someone\n  kind: PAYMENT_INSTITUTION\n  issuer: urn:crossroads:partner:${id}\n  jwks: { file: keys/${id}.jwks.json }\n`,
    );
    const problems: PolicyProblem[] = [];
    expect(readPartners(dir, problems)).toBeUndefined();
    expect(problems).toEqual([{ file: 'partners.yaml', line: 1, message: expect.stringContaining(`[0].id:`) }]);
  });
});
