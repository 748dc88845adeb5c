import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  AUDIT_DATABASE,
  auditCollections,
  auditKeyPairToEnv,
  verifyAuditLog,
  type AuditRecord,
  type Checkpoint,
  type RequestRecordBody,
} from '@crossroads/shared';
import { MongoClient, type Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allPages, personLogQuery } from './helpers/auditQueries.js';
import { citizenHeaders } from './helpers/citizens.js';
import { startCrashableSystem, type CrashableSystem } from './helpers/crashableSystem.js';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { startOwnAuditStore, type OwnAuditStore } from './helpers/ownAuditStore.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';

const { mongoUri, postgresUrl, auditKeys, serviceLog } = inject('stack');

/** The README's first query: one person, from all three sources. */
const QUERY =
  'query Benefit($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } ' +
  'unemploymentPayments(from: "2024-01-01", to: "2024-12-31") { month } } }';
const X = referencePersons.unemployedBetweenJobs;
/** Short bounds, so that a stalled store or source fails a request within seconds. */
const WRITE_TIMEOUT_MS = 3_000;
const SUBGRAPH_TIMEOUT_MS = 4_000;
const INTERVAL_MS = 1_000;

let store: OwnAuditStore;
let system: CrashableSystem;
let client: MongoClient;
let records: Collection<AuditRecord>;
let checkpoints: Collection<Checkpoint>;
let witnessDir: string;
let witnessFile: string;
let log: fs.WriteStream;

/**
 * A gateway and the three sources, with the audit reader, over the run's source data but writing an audit
 * store of their own (a second FerretDB, which a test can stall or tamper with) and a witness of their own.
 * Employment and unemployment sign their chains' heads within a second; the gateway and persons only on
 * close, so that their newest records stay unsigned — the records an intruder would go for.
 */
beforeAll(async () => {
  if (!postgresUrl) return;
  store = await startOwnAuditStore(postgresUrl, 'integrity');
  witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-integrity-witness-'));
  witnessFile = path.join(witnessDir, 'audit-witness.jsonl');
  client = await new MongoClient(store.uri).connect();
  records = client.db(AUDIT_DATABASE).collection<AuditRecord>(auditCollections.records);
  checkpoints = client.db(AUDIT_DATABASE).collection<Checkpoint>(auditCollections.checkpoints);
  // Into the run's service log, so that the check for SSINs in operational logs reads these services too.
  log = fs.createWriteStream(serviceLog, { flags: 'a' });
  const unsignedUntilClose = { AUDIT_CHECKPOINT_INTERVAL_MS: '600000' };
  system = await startCrashableSystem({
    mongoUri,
    auditKeys,
    sink: (service, line) => log.write(`integrity-${service} | ${line}\n`),
    withAuditReader: true,
    env: {
      AUDIT_MONGODB_URI: store.uri,
      AUDIT_WITNESS_FILE: witnessFile,
      AUDIT_CHECKPOINT_INTERVAL_MS: String(INTERVAL_MS),
      AUDIT_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS),
      SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS),
    },
    envOf: { gateway: unsignedUntilClose, persons: unsignedUntilClose },
  });
}, 180_000);

afterAll(async () => {
  store?.resume();
  await system?.stop();
  await client?.close();
  await store?.stop();
  log?.end();
  if (witnessDir) fs.rmSync(witnessDir, { recursive: true, force: true });
});

async function recordsOf(requestId: string): Promise<AuditRecord[]> {
  return (await records.find({ requestId }).toArray()).sort((a, b) => a._id.localeCompare(b._id));
}

async function request(query = QUERY, ssin: string = X) {
  return graphqlRequest(system.gatewayUrl, query, { ssin }, await capacBenefit());
}

/** Polls until `check` returns something, or fails after `ms`. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(200);
  }
}

const witnessed = (): Checkpoint[] =>
  fs
    .readFileSync(witnessFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Checkpoint);

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run audit -- verify` over this suite's store, as an operator runs it: a child process. */
async function runVerify(...args: string[]): Promise<{ status: number; stdout: string }> {
  const env = {
    ...process.env,
    MONGODB_URI: store.uri,
    ...auditKeyPairToEnv(auditKeys),
    AUDIT_WITNESS_FILE: witnessFile,
    AUDIT_CHECKPOINT_INTERVAL_MS: String(INTERVAL_MS),
    AUDIT_RETENTION_DAYS: '',
  };
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'shared/src/audit/cli/audit.ts', 'verify', ...args],
      {
        cwd: repoRoot,
        env,
      },
    );
    return { status: 0, stdout };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { status: code, stdout: stdout + stderr };
  }
}

/** The library's verify over this suite's store and witness, as of `now`. */
const verifyHere = (now = new Date()) =>
  verifyAuditLog({
    db: client.db(AUDIT_DATABASE),
    publicKeys: [auditKeys.publicJwk],
    retentionDays: 3650,
    witnessFiles: [witnessFile],
    checkpointIntervalMs: INTERVAL_MS,
    now,
  });

const requestRecordOf = async (requestId: string) =>
  (await recordsOf(requestId)).find((r): r is AuditRecord & RequestRecordBody => r.kind === 'request');

describe.skipIf(!postgresUrl)('an audit trail that cannot be shortened unseen (its own store, stalled and tampered with)', () => {
  let first: { requestId: string; releases: AuditRecord[] };
  /** The gateway's chains: stopped cleanly, killed, and the one running after. */
  const gateways: { closed?: string; killed?: string; killedAt?: number } = {};

  it('signs the head of a chain within seconds of a commit, in the store and in the witness', async () => {
    const { status, requestId } = await request();
    expect(status).toBe(200);
    const stored = await recordsOf(requestId!);
    const releases = stored.filter((r) => r.kind === 'release');
    expect(releases.map((r) => r.kind === 'release' && r.source).sort()).toEqual(['employment', 'persons', 'unemployment']);
    first = { requestId: requestId!, releases };
    for (const release of releases.filter((r) => r.kind === 'release' && r.source !== 'persons')) {
      const covering = await eventually(
        `a checkpoint of ${release._id}`,
        async () => (await checkpoints.findOne({ chain: release.chain, seq: { $gte: release.seq } })) ?? undefined,
      );
      expect(witnessed().map((c) => c._id)).toContain(covering._id);
    }
  });

  it('the newest release of a chain deleted, before any checkpoint covers it: verify finds it missing from its request record', async () => {
    // A second request: its persons release is the newest record of the persons chain, which nothing has signed.
    const { requestId } = await request();
    const release = (await recordsOf(requestId!)).find((r) => r.kind === 'release' && r.source === 'persons')!;
    expect(release.seq).toBeGreaterThan(0);
    expect(await checkpoints.countDocuments({ chain: release.chain })).toBe(0);
    await records.deleteOne({ _id: release._id });
    try {
      // The chain alone cannot tell: it just ends a record earlier. The gateway's record lists the release's receipt.
      const { status, stdout } = await runVerify('--no-witness');
      expect(stdout).toContain(`ok    ${release.chain}  seq 0–${release.seq - 1}`);
      expect(stdout).toContain(`FAIL  release-missing at seq ${release.seq}, record request:${requestId}: `);
      expect(stdout).toContain(`lists release ${release._id} (${release.chain} seq ${release.seq}), which is not stored`);
      expect(status).toBe(1);
    } finally {
      await records.insertOne(release);
    }
    const { status, stdout } = await runVerify();
    expect(stdout).toMatch(/ \d+ not yet covered by a checkpoint: all verify\.\n$/);
    expect(stdout).toContain(`ok    ${release.chain}  seq 0–${release.seq} (${release.seq + 1} records, 0 checkpoints)  `);
    expect(status).toBe(0);
  });

  it('a gateway stopped cleanly leaves a closing checkpoint; one killed is reported as stopped without one', async () => {
    const closed = (await requestRecordOf(first.requestId))!;
    gateways.closed = closed.chain;
    await system.stopService('gateway');
    const last = await records.find({ chain: closed.chain }).sort({ seq: -1 }).limit(1).next();
    const closing = `${closed.chain}:${last!.seq}:closing`;
    expect(await checkpoints.findOne({ _id: closing })).toMatchObject({ closing: true, seq: last!.seq, hash: last!.hash });
    expect(witnessed().map((c) => c._id)).toContain(closing);

    await system.restart('gateway');
    const { requestId } = await request();
    const killed = (await requestRecordOf(requestId!))!;
    expect(killed.chain).not.toBe(closed.chain);
    await system.kill('gateway');
    gateways.killed = killed.chain;
    gateways.killedAt = Date.now();
    await system.restart('gateway');

    const report = await verifyHere(new Date(Date.now() + 60_000));
    expect(report.problems).toEqual([]);
    const ends = Object.fromEntries(report.chains.map((c) => [c.chain, [c.end, c.unsigned]]));
    expect(ends[closed.chain]).toEqual(['closed', 0]);
    expect(ends[killed.chain]).toEqual(['stopped', 1]);
  });

  it('a young chain removed whole, records and checkpoints, is still shown by the witness', async () => {
    const chain = gateways.closed!;
    const removed = await records.find({ chain }).toArray();
    const removedCheckpoints = await checkpoints.find({ chain }).toArray();
    expect(removed.length).toBeGreaterThan(0);
    await records.deleteMany({ chain });
    await checkpoints.deleteMany({ chain });
    try {
      const witnessedRun = await runVerify();
      expect(witnessedRun.stdout).toContain(`FAIL  ${chain}  no records (0 checkpoints, 1 witnessed)`);
      expect(witnessedRun.stdout).toMatch(/truncated at seq 0: no record is stored, but the checkpoint at seq \d+ .* vouches for records/);
      expect(witnessedRun.status).toBe(1);
      // Without the witness, nothing is left to tell: its requests' releases merely lack their request records.
      const blind = await runVerify('--no-witness');
      expect(blind.stdout).not.toContain(chain);
      expect(blind.stdout).toContain('Witness: none read');
      expect(blind.status).toBe(0);
    } finally {
      await records.insertMany(removed);
      await checkpoints.insertMany(removedCheckpoints);
    }
    // The killed gateway, once its unsigned record is older than the checkpoint interval allows a live writer.
    await sleep(Math.max(0, gateways.killedAt! + 12_000 - Date.now()));
    const { status, stdout } = await runVerify();
    expect(stdout).toContain(`ok    ${gateways.closed}  `);
    expect(stdout).toMatch(new RegExp(`ok {4}${gateways.closed}  seq 0–\\d+ \\(\\d+ records, 1 checkpoints, 1 witnessed\\)  closed\\n`));
    expect(stdout).toContain(
      `ok    ${gateways.killed}  seq 0–0 (1 records, 0 checkpoints)  STOPPED without a closing checkpoint: a crash, or its end was cut; 1 record(s) after its newest checkpoint`,
    );
    expect(status).toBe(0);
  });

  it('a release whose answer the gateway dropped (timeout) is on record as not delivered, for the officer and the citizen', async () => {
    system.pause('employment');
    let requestId: string;
    try {
      const started = Date.now();
      const response = await request();
      requestId = response.requestId!;
      expect(response.status).toBe(200);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'employment' }) }),
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(SUBGRAPH_TIMEOUT_MS - 100);
    } finally {
      system.resume('employment');
    }
    const recorded = (await requestRecordOf(requestId))!;
    expect(recorded).toMatchObject({ outcome: 'answered', undelivered: [{ source: 'employment', call: 1, reason: 'timeout' }] });
    expect(recorded.receipts!.map((r) => r.id).sort()).toEqual([`release:${requestId}:persons`, `release:${requestId}:unemployment`]);
    // Woken, the source answers the call it was given — to a gateway that stopped waiting — and records its release.
    await eventually(
      'the employment release',
      async () => (await records.findOne({ _id: `release:${requestId}:employment` })) ?? undefined,
    );

    const today = new Date().toISOString().slice(0, 10);
    const { requests } = await allPages(system.gatewayUrl, personLogQuery, 'auditLogOfPerson', { ssin: X, from: today, to: today });
    const seen = requests.find((r) => r.requestId === requestId);
    expect(seen?.undelivered).toEqual([{ source: 'employment', call: 1, reason: 'TIMEOUT' }]);
    expect(Object.fromEntries(seen!.releases.map((r) => [r.source, r.delivered]))).toEqual({
      employment: false,
      persons: true,
      unemployment: true,
    });

    const log = await graphqlRequest(
      system.gatewayUrl,
      'query($ssin: SSIN!, $d: Date!) { accessLog(ssin: $ssin, from: $d, to: $d) { entries { requestId kind data { source delivered } } } }',
      { ssin: X, d: today },
      await citizenHeaders(X),
    );
    const entries = (log.body.data as { accessLog: { entries: { requestId: string; kind: string; data: unknown[] }[] } }).accessLog.entries;
    expect(entries.find((e) => e.requestId === requestId)).toEqual({
      requestId,
      kind: 'DATA_RELEASED',
      data: [
        { source: 'employment', delivered: false },
        { source: 'persons', delivered: true },
        { source: 'unemployment', delivered: true },
      ],
    });

    const report = await verifyHere();
    expect(report.problems).toEqual([]);
    expect(report.crossCheck.notDelivered).toBeGreaterThanOrEqual(1);
  });

  it('a stalled audit store fails requests closed within the bound; when it answers again, so does the hub, and the trail verifies', async () => {
    store.pause();
    try {
      const started = Date.now();
      const { status, body } = await request();
      const elapsed = Date.now() - started;
      expect({ status, body }).toEqual({
        status: 503,
        body: {
          errors: [
            {
              message: 'The audit trail could not record this request, so nothing is released. Retry later.',
              extensions: { code: 'AUDIT_UNAVAILABLE' },
            },
          ],
        },
      });
      // A source's write bound, then the gateway's: nothing waits on the store for longer.
      expect(elapsed).toBeLessThan(2 * WRITE_TIMEOUT_MS + 3_000);
    } finally {
      store.resume();
    }
    await eventually('an answer once the store is back', async () => ((await request()).status === 200 ? true : undefined), 60_000);
    const report = await verifyHere();
    expect(report.problems).toEqual([]);
  });

  it('stopped cleanly, every chain ends with a closing checkpoint but the killed gateway’s', async () => {
    await system.stop();
    const { status, stdout } = await runVerify();
    const lines = stdout.split('\n').filter((l) => /^(ok|FAIL) /.test(l));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      if (line.includes(gateways.killed!)) expect(line).toContain('STOPPED without a closing checkpoint');
      else expect(line).toMatch(/ {2}(closed|continued in .*)$/);
    }
    expect(status).toBe(0);
  });
});
