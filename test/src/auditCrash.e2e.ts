import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUDIT_DATABASE, auditCollections, verifyAuditLog, type AuditRecord, type Checkpoint } from '@crossroads/shared';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { crashableServices, startCrashableSystem, type CrashableService, type CrashableSystem } from './helpers/crashableSystem.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { startRequestStream } from './helpers/requestStream.js';
import { seededRandom } from './helpers/seededRandom.js';
import { withSources } from './helpers/sourceDatabase.js';

const { mongoUri, auditKeys, auditPublicKeys, serviceLog } = inject('stack');

/** The README's first query: one person, from all three sources. */
const QUERY =
  'query ($ssin: SSIN!) { person(ssin: $ssin) { name { lastName firstNames } address { street houseNumber postalCode municipality } ' +
  'employments { employer { name } jointCommittee { code name { nl fr } } startDate endDate } ' +
  'unemploymentPayments(from: "2024-01-01", to: "2024-12-31") { month daysCompensated grossAmountCents payingOrganisation { name } } } }';
/** Change it to try another schedule; a failure names the seed it ran with. */
const SEED = 1729;
const PER_SECOND = 20;

type Source = 'persons' | 'employment' | 'unemployment';

/** A response the client received with data, and the sources whose data it carried. */
interface Received {
  requestId: string | null;
  ssin: string;
  sources: Source[];
}

interface Kill {
  target: CrashableService;
  /** Steady traffic before it. */
  quietMs: number;
  /** Requests sent at once just before it, so that it cuts some short inside the process; 0 for none. */
  burst: number;
  burstLeadMs: number;
  /** How long the process stays down before it is started again. */
  downMs: number;
}

/** Each service once, in a seeded order, then one more; every other kill lands in a burst. */
function killSchedule(seed: number): Kill[] {
  const random = seededRandom(seed);
  const targets = [...random.shuffle(crashableServices), random.pick(crashableServices)];
  return targets.map((target, i) => ({
    target,
    quietMs: random.int(1_500, 3_000),
    burst: i % 2 === 0 ? random.int(8, 16) : 0,
    burstLeadMs: random.int(5, 60),
    downMs: random.int(200, 1_000),
  }));
}

interface GraphQLBody {
  data?: { person?: Record<string, unknown> | null } | null;
  errors?: Array<{ extensions?: { code?: string; source?: string } }>;
}

/** The sources whose data a response carries: persons for the person itself, the others when their field is there and not reported unavailable. */
function sourcesIn(body: GraphQLBody): Source[] | null {
  const person = body.data?.person;
  if (!person) return null;
  const unavailable = new Set(
    (body.errors ?? []).filter((e) => e.extensions?.code === 'SOURCE_UNAVAILABLE').map((e) => e.extensions?.source),
  );
  const sources: Source[] = ['persons'];
  if (person.employments != null && !unavailable.has('employment')) sources.push('employment');
  if (person.unemploymentPayments != null && !unavailable.has('unemployment')) sources.push('unemployment');
  return sources;
}

let client: MongoClient;
let audit: Db;
let system: CrashableSystem | undefined;
let log: fs.WriteStream;
const schedule = killSchedule(SEED);
const killed: CrashableService[] = [];
const received: Received[] = [];
let sent = 0;
let failed = 0;
/** Requests whose connection to the gateway broke rather than being refused: it died with them under way, or with their connection open. */
let cutShort = 0;

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  audit = client.db(AUDIT_DATABASE);
  // Not the reference persons: other suites read their access logs, and thousands of reads would crowd them.
  const reference = new Set<string>(Object.values(referencePersons));
  const ssins = (await withSources(mongoUri, (sources) => sources.someSsins(300))).filter((ssin) => !reference.has(ssin));
  const headers = { ...(await capacBenefit()), 'content-type': 'application/json' };
  // Into the run's service log, so that the check for SSINs in operational logs reads what crashing services printed too.
  log = fs.createWriteStream(serviceLog, { flags: 'a' });
  system = await startCrashableSystem({
    mongoUri,
    auditKeys,
    sink: (service, line) => log.write(`crash-${service} | ${line}\n`),
    // Checkpoints a minute apart rather than within seconds: a killed writer then surely leaves records after
    // its newest checkpoint, which is what verify must accept.
    env: { SUBGRAPH_TIMEOUT_MS: '3000', AUDIT_CHECKPOINT_INTERVAL_MS: '60000' },
  });
  const gatewayUrl = system.gatewayUrl;

  const picks = seededRandom(SEED + 1);
  const stream = startRequestStream({
    perSecond: PER_SECOND,
    async send() {
      const ssin = picks.pick(ssins);
      let response: Response;
      let body: GraphQLBody;
      try {
        response = await fetch(gatewayUrl, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: QUERY, variables: { ssin } }),
          signal: AbortSignal.timeout(10_000),
        });
        body = (await response.json()) as GraphQLBody;
      } catch (error) {
        // A refused connection found the gateway down; anything else lost a request under way.
        if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') cutShort++;
        throw error;
      }
      const sources = response.status === 200 ? sourcesIn(body) : null;
      if (!sources) throw new Error(`no data (HTTP ${response.status})`);
      received.push({ requestId: response.headers.get('x-request-id'), ssin, sources });
    },
  });
  try {
    for (const kill of schedule) {
      await sleep(kill.quietMs);
      if (kill.burst > 0) {
        stream.burst(kill.burst);
        await sleep(kill.burstLeadMs);
      }
      await system.kill(kill.target);
      killed.push(kill.target);
      await sleep(kill.downMs);
      // The stream goes on meanwhile: requests fail, or lack the source, until it is back.
      await system.restart(kill.target);
    }
    await sleep(1_500);
  } finally {
    await stream.stop();
    sent = stream.sent;
    failed = stream.rejected;
    // A clean stop signs the head of each chain still running; the killed ones stay unsigned.
    await system.stop();
  }
}, 150_000);

afterAll(async () => {
  await system?.stop();
  await client?.close();
  log?.end();
});

let storedOnce: Promise<Map<string, AuditRecord>> | undefined;
/** The audit records of every response received, by `_id`: looked up by equality on the indexed request id. */
function storedRecords(): Promise<Map<string, AuditRecord>> {
  storedOnce ??= (async () => {
    const records = audit.collection<AuditRecord>(auditCollections.records);
    const ids = received.flatMap((r) => (r.requestId ? [r.requestId] : []));
    const byId = new Map<string, AuditRecord>();
    for (let i = 0; i < ids.length; i += 16) {
      const found = await Promise.all(ids.slice(i, i + 16).map((requestId) => records.find({ requestId }).toArray()));
      for (const r of found.flat()) byId.set(r._id, r);
    }
    return byId;
  })();
  return storedOnce;
}

describe(`processes killed with SIGKILL under a steady stream of requests (seed ${SEED})`, () => {
  it('was a real crash: every process was killed, some with requests under way, and many requests answered, some with a source missing', () => {
    expect(killed.length).toBeGreaterThanOrEqual(4);
    expect(new Set(killed)).toEqual(new Set(crashableServices));
    expect(received.length).toBeGreaterThanOrEqual(200);
    expect(failed).toBeGreaterThan(0);
    expect(cutShort).toBeGreaterThan(0);
    expect(received.length + failed).toBe(sent);
    expect(received.filter((r) => r.sources.length < 3).length).toBeGreaterThan(0);
  });

  it('left every response the client received with data on record: the request as answered, and each source’s release of the person', async () => {
    const stored = await storedRecords();
    const unrecorded: string[] = [];
    for (const { requestId, ssin, sources } of received) {
      if (!requestId) {
        unrecorded.push('a response without x-request-id');
        continue;
      }
      const request = stored.get(`request:${requestId}`);
      if (request?.kind !== 'request' || request.outcome !== 'answered')
        unrecorded.push(`request:${requestId} ${request?.kind === 'request' ? `recorded as ${request.outcome}` : 'missing'}`);
      for (const source of sources) {
        const release = stored.get(`release:${requestId}:${source}`);
        // The SSIN is left out of the message: test output is no place for one either.
        if (release?.kind !== 'release' || !release.ssins.includes(ssin))
          unrecorded.push(`release:${requestId}:${source} ${release ? 'does not name the person' : 'missing'}`);
      }
    }
    expect(unrecorded).toEqual([]);
  });

  it('leaves a trail that verifies, the killed writers’ unsigned tails included', async () => {
    const report = await verifyAuditLog({ db: audit, publicKeys: auditPublicKeys });
    expect(report.problems).toEqual([]);

    // The chains this test's processes wrote: one per process started, so a killed service has one more.
    const ours = new Set([...(await storedRecords()).values()].map((r) => r.chain));
    const chains = report.chains.filter((c) => ours.has(c.chain));
    for (const service of crashableServices) {
      const started = 1 + killed.filter((k) => k === service).length;
      expect(chains.filter((c) => c.chain.startsWith(`${service}:`)).length, service).toBeGreaterThanOrEqual(started);
    }
    // Each killed writer left records after its newest checkpoint: what verify had to accept.
    const checkpoints = audit.collection<Checkpoint>(auditCollections.checkpoints);
    let unsignedTails = 0;
    for (const chain of chains) {
      const signed = (await checkpoints.find({ chain: chain.chain }).toArray()).map((c) => c.seq);
      if (chain.lastSeq !== null && chain.lastSeq > Math.max(-1, ...signed)) unsignedTails++;
    }
    expect(unsignedTails).toBeGreaterThanOrEqual(killed.length);
  });

  it('tells the killed writers’ chains from those stopped cleanly: only the latter end with a closing checkpoint', async () => {
    const report = await verifyAuditLog({ db: audit, publicKeys: auditPublicKeys, now: new Date(Date.now() + 120_000) });
    const ours = new Set([...(await storedRecords()).values()].map((r) => r.chain));
    for (const service of crashableServices) {
      const chains = report.chains.filter((c) => ours.has(c.chain) && c.chain.startsWith(`${service}:`));
      // The instance running at the end was stopped cleanly; every one before it was killed.
      expect(chains.filter((c) => c.end === 'closed').length, service).toBe(1);
      const unclosed = chains.filter((c) => c.end !== 'closed');
      expect(unclosed.length, service).toBeLessThanOrEqual(killed.filter((k) => k === service).length);
      for (const chain of unclosed) expect(['stopped', 'open'], chain.chain).toContain(chain.end);
    }
    expect(report.chains.filter((c) => ours.has(c.chain) && c.end === 'stopped').length).toBeGreaterThan(0);
  });
});
