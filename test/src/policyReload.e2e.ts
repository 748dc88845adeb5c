import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { auditKeyPairToEnv, gatewayKeyPairToEnv, generateGatewayKeyPair, policyDir, repoRoot } from '@crossroads/shared';
import { writeStackState, type StackState } from '@crossroads/stack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOwnProcess, type OwnProcess } from './helpers/ownProcess.js';

// A committee member edits a policy file and runs `npm run policies:reload`: a broken set must be refused
// loudly — by the command's exit status and output, naming the file and line, and in every service's log
// and GET /health — while the set in force stays.
const { mongoUri, auditKeys } = inject('stack');
const run = promisify(execFile);

interface Health {
  pid: number;
  policies: { version: string; reloads: number; lastReload: { outcome: string; problems: { file: string; line: number }[] } | null };
}

describe('npm run policies:reload', () => {
  let dir: string;
  let stateFile: string;
  let gateway: OwnProcess;
  let register: OwnProcess;
  let state: StackState;

  const reload = async (file = stateFile) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'stack/src/reloadPoliciesCli.ts', '--state', file], {
        cwd: repoRoot,
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, output: stdout + stderr };
    }
  };
  const health = async (own: OwnProcess) => (await (await fetch(own.url.replace('/graphql', '/health'))).json()) as Health;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-reload-'));
    const policies = path.join(dir, 'authz-policies');
    fs.cpSync(policyDir, policies, { recursive: true });
    const pair = await generateGatewayKeyPair();
    register = await startOwnProcess('authorizations', { AUTHZ_POLICY_DIR: policies, GATEWAY_PUBLIC_KEY: JSON.stringify(pair.publicJwk) });
    gateway = await startOwnProcess('gateway', {
      ...gatewayKeyPairToEnv(pair),
      ...auditKeyPairToEnv(auditKeys),
      MONGODB_URI: mongoUri,
      AUTHZ_POLICY_DIR: policies,
      AUTHORIZATIONS_URL: register.url,
    });
    await Promise.all([register.service.ready, gateway.service.ready]);
    stateFile = path.join(dir, 'stack.json');
    state = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      policyDir: policies,
      services: [
        { name: 'authorizations', pid: register.service.child.pid!, port: register.service.port },
        { name: 'gateway', pid: gateway.service.child.pid!, port: gateway.service.port },
      ],
    };
    writeStackState(stateFile, state);
  });

  afterAll(async () => {
    await gateway?.service.stop();
    await register?.service.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits non-zero when the set is refused, naming the file and line in its output, the logs and /health', async () => {
    const before = await health(gateway);
    const file = path.join(state.policyDir, 'ISC-24-017.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => /^\s+Employer: \[enterpriseNumber,/.test(l)) + 1;
    expect(line).toBeGreaterThan(0);
    fs.writeFileSync(file, text.replace('Employer: [enterpriseNumber,', 'Employer: [enterprizeNumber,'));

    const { code, output } = await reload();
    expect(code).toBe(1);
    const where = `${file}:${line}: Employer has no field enterprizeNumber`;
    expect(output).toMatch(/^authorizations\s+REFUSED, the previous set stays in force/m);
    expect(output).toMatch(/^gateway\s+REFUSED, the previous set stays in force/m);
    expect(output.split(where)).toHaveLength(3); // once per service

    for (const own of [gateway, register]) {
      const status = await health(own);
      expect(status.policies).toMatchObject({ version: before.policies.version, reloads: 1, lastReload: { outcome: 'refused' } });
      expect(status.policies.lastReload!.problems).toEqual([expect.objectContaining({ file: 'ISC-24-017.yaml', line })]);
      const logged = own.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['level'] === 50);
      expect(logged?.['msg']).toContain(`first ISC-24-017.yaml:${line}: Employer has no field enterprizeNumber`);
    }
    fs.writeFileSync(file, text);
  });

  it('exits 0 when every service loaded the new set, all at the same new version', async () => {
    const file = path.join(state.policyDir, 'purposes.yaml');
    fs.appendFileSync(file, '\n# reviewed again\n');
    const before = await health(gateway);
    const { code, output } = await reload();
    expect(code, output).toBe(0);
    expect(output).toMatch(/^gateway\s+loaded\s+sha256:/m);
    const [a, b] = [await health(gateway), await health(register)];
    expect(a.policies.version).not.toBe(before.policies.version);
    expect(b.policies.version).toBe(a.policies.version);
    expect(a.policies.lastReload).toMatchObject({ outcome: 'loaded', problems: [] });
  });

  it('never signals a process the state file does not describe, and says so', async () => {
    const stale = path.join(dir, 'stale.json');
    writeStackState(stale, {
      ...state,
      services: [{ name: 'gateway', pid: gateway.service.child.pid! + 100_000, port: gateway.service.port }],
    });
    const before = await health(gateway);
    const { code, output } = await reload(stale);
    expect(code).toBe(1);
    expect(output).toContain('NOT SIGNALLED');
    expect((await health(gateway)).policies.reloads).toBe(before.policies.reloads);
    expect((await reload(path.join(dir, 'none.json'))).code).toBe(2);
  });
});
