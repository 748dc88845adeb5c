// node --import tsx subgraphs/audit/src/measure/measureQueries.ts [--requests N] [--noise M] [--runs R]
//
// What the security officer's queries cost on the embedded FerretDB: a throw-away PostgreSQL + FerretDB
// with the indexes of db/src/layout.ts, one partner-day of N requests (a gateway record and three source
// releases each, as a three-source request leaves them), M requests of other partners over the year
// before, then the median of R runs of each query. Figures for docs/decisions/0010-audit-read-side.md.
import { parseArgs } from 'node:util';
import { analyzeFerretDbTables, ensureIndexes, startEmbeddedServer } from '@crossroads/db';
import { AUDIT_DATABASE, auditCollections, connectMongo, detectServerKind } from '@crossroads/shared';
import { createAuditStore, type AuditStore } from '../auditStore.js';
import { createListingCache } from '../listingCache.js';
import { auditLogOfPartner, type RequestPage } from '../partnerLog.js';
import { auditLogOfPerson } from '../personLog.js';
import { addDays } from '../query/dayRange.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    noise: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
  },
});
const requests = Number(values.requests);
const noise = Number(values.noise);
const runs = Number(values.runs);
const DAY = '2026-11-27';
/** The audited person: named by one release in every 200 of the measured day, and in the noise too. */
const PERSON = '85073003328';
const say = (line: string) => void process.stdout.write(`${line}\n`);

let seq = 0;
function records(requestId: string, partner: string, day: string, at: Date, persons: string[][]) {
  const common = {
    requestId,
    partnerId: partner,
    purpose: 'UNEMPLOYMENT_BENEFIT',
    authorizationIds: ['ISC/24/017'],
    partnerDay: `${partner}|${day}`,
  };
  const chained = () => ({ chain: 'measure:1', seq: seq++, prev: 'f'.repeat(64), hash: 'e'.repeat(64) });
  const releases = ['persons', 'employment', 'unemployment'].map((source, i) => ({
    _id: `release:${requestId}:${source}`,
    kind: 'release',
    ...common,
    source,
    ssins: persons[i] ?? [],
    fields: ['Query.person', 'Person.name', 'PersonName.lastName'],
    at: new Date(at.getTime() + i).toISOString(),
    ...chained(),
  }));
  const request = {
    _id: `request:${requestId}`,
    kind: 'request',
    ...common,
    endUser: 'agent-0042',
    operationName: 'Claimant',
    documentHash: 'd'.repeat(64),
    outcome: 'answered',
    code: null,
    durationMs: 12,
    at: new Date(at.getTime() + 5).toISOString(),
    ...chained(),
  };
  return [...releases, request];
}

const ssin = (i: number) => String(10_000_000_000 + ((i * 7919) % 89_999_999_999)).slice(0, 11);

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function allPages(read: (after: string | null) => Promise<RequestPage>): Promise<number> {
  let count = 0;
  let after: string | null = null;
  do {
    const page = await read(after);
    count += page.requests.length;
    after = page.nextCursor;
  } while (after !== null);
  return count;
}

const server = await startEmbeddedServer();
const client = await connectMongo(server.mongoUri, 'crossroads-measure');
try {
  await ensureIndexes(client, { postgresUrl: server.postgresUrl });
  const collection = client.db(AUDIT_DATABASE).collection(auditCollections.records);
  let batch: object[] = [];
  const flush = async () => {
    if (batch.length > 0) await collection.insertMany(batch as never[], { ordered: false });
    batch = [];
  };
  const start = Date.parse(`${DAY}T07:00:00Z`);
  for (let i = 0; i < requests; i++) {
    const person = i % 200 === 0 ? PERSON : ssin(i);
    batch.push(...records(`day-${i}`, 'capac', DAY, new Date(start + i * 1000), [[person], [person], [person]]));
    if (batch.length >= 4000) await flush();
  }
  for (let i = 0; i < noise; i++) {
    const day = addDays(DAY, -1 - (i % 365));
    const partner = ['famiwal', 'sfpd', 'capac'][i % 3]!;
    const person = i % 500 === 0 ? PERSON : ssin(requests + i);
    batch.push(...records(`noise-${i}`, partner, day, new Date(`${day}T09:00:00Z`), [[person]]));
    if (batch.length >= 4000) await flush();
  }
  await flush();
  await analyzeFerretDbTables(server.postgresUrl);
  const store: AuditStore = createAuditStore(client.db(AUDIT_DATABASE), await detectServerKind(client));
  const total = await collection.estimatedDocumentCount();
  say(
    `FerretDB, ${total.toLocaleString('en')} audit records; capac on ${DAY}: ${requests.toLocaleString('en')} requests (${(requests * 4).toLocaleString('en')} records); median of ${runs}:`,
  );

  const partner = (first: number, cached: boolean) => {
    const cache = cached ? createListingCache() : undefined;
    return (after: string | null) => auditLogOfPartner(store, 'capac', { from: DAY, to: DAY, first, after }, cache);
  };
  const firstPage = await median(() => partner(1000, false)(null));
  say(
    `  auditLogOfPartner, one day, first page of 1,000: ${firstPage.toFixed(0)} ms (${((firstPage * 1000) / (requests * 4)).toFixed(0)} µs a record of the day)`,
  );
  say(`  auditLogOfPartner, one day, first page of 100:   ${(await median(() => partner(100, false)(null))).toFixed(0)} ms`);
  const pages = Math.ceil(requests / 1000);
  say(
    `  auditLogOfPartner, one day, all ${pages} pages of 1,000, walk cache on:  ${(await median(() => allPages(partner(1000, true)))).toFixed(0)} ms`,
  );
  say(
    `  auditLogOfPartner, one day, all ${pages} pages of 1,000, walk cache off: ${(await median(() => allPages(partner(1000, false)))).toFixed(0)} ms`,
  );
  say(
    `  auditLogOfPartner, a day with nothing, 31 days:  ${(await median(() => auditLogOfPartner(store, 'inspection', { from: addDays(DAY, -30), to: DAY }))).toFixed(0)} ms`,
  );
  const person = (after: string | null) => auditLogOfPerson(store, PERSON, { from: addDays(DAY, -3659), to: DAY, first: 1000, after });
  say(
    `  auditLogOfPerson, ten years (${(await person(null)).requests.length} requests): ${(await median(() => person(null))).toFixed(0)} ms`,
  );
} finally {
  await client.close();
  await server.stop();
}
