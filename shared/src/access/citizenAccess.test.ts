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
const ACCESS_LOG_TYPES = ['AccessLogPage', 'AccessLogEntry', 'AccessingPartner', 'ReleasedData'];

describe('CITIZEN-ACCESS-LOG', () => {
  it('grants Query.accessLog and every field of what it returns, so a field added there is a decision, not an accident', () => {
    // Federation directives aside, the audit subgraph's SDL is plain GraphQL.
    const sdl = fs.readFileSync(auditSchema, 'utf8').replace(/^extend schema @link[^\n]*\n/m, '');
    const schema = buildASTSchema(parse(`scalar SSIN\nscalar Date\ndirective @key(fields: String!) on OBJECT\n${sdl}`));
    const returned = ACCESS_LOG_TYPES.flatMap((name) => {
      const type = schema.getType(name);
      return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${name}.${field}`) : [`${name} (missing)`];
    });
    const granted = Object.entries(citizenAccessAuthorization.grants).flatMap(([type, fields]) => fields.map((f) => `${type}.${f.field}`));
    expect(granted.sort()).toEqual(['Query.accessLog', ...returned].sort());
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
