// node --import tsx db/src/measure/readPath.ts [--persons N] [--runs R] [--binary PATH] [--gogc G] [--gomemlimit M] …
//
// What FerretDB's read path costs, measured with the `mongodb` driver alone against the embedded server:
// one document by `_id`, the store floor of the benchmark's person query for one person and for 1,000
// (db/src/measure/storeReads.ts), 1,000 and 3,000 persons by `_id: {$in}`, every person with no filter,
// and optionally a mixed load (single-person reads, 1,000-person reads and audit-like inserts at once).
// For each: wall time (median of the runs) and the CPU FerretDB and PostgreSQL spent per run.
// Figures for docs/decisions/0020–0022. `--binary` measures another build (the stock one:
// ~/.cache/crossroads/ferretdb-v1.24.2/ferretdb); `--debug-addr 127.0.0.1:8088` exposes pprof for
// `go tool pprof -top BINARY http://127.0.0.1:8088/debug/pprof/profile?seconds=10` during the run.
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { collections, databases } from '../layout.js';
import { analyzeFerretDbTables, ensureIndexes } from '../indexes.js';
import { startEmbeddedServer } from '../embedded/embeddedServer.js';
import { FERRETDB_GO_RUNTIME } from '../embedded/ferretDb.js';
import { isSeeded, seedDatabase } from '../seed/writeSeed.js';
import { Random } from '../seed/prng.js';
import { cpuMs, peakRssMiB, treeCpuMs } from './procCpu.js';
import { readPersonsFromStore } from './storeReads.js';

const USAGE = `usage: node --import tsx db/src/measure/readPath.ts [options]

  --persons N       population (default 10000)
  --runs R          runs of each bulk read; the median is reported (default 5)
  --singles S       sequential single reads per single-read phase (default 300)
  --binary PATH     FerretDB binary to measure (default: the project's build)
  --gogc G          GOGC for FerretDB (default: what db/src/embedded/ferretDb.ts sets)
  --gomemlimit M    GOMEMLIMIT for FerretDB, e.g. 256MiB (default: what ferretDb.ts sets)
  --mixed SECONDS   also run the mixed load for that long (default 0: not run)
  --only LIST       comma-separated phases: one,floor1,in1000,floor1000,in3000,all,insert,mixed
                    (insert, not in the default list: an audit-like insertMany of 4 records, --singles times)
  --data-dir DIR    keep the database there between runs (seeded once); default a throw-away one
  --debug-addr A    FerretDB's pprof address, e.g. 127.0.0.1:8088
  --json            print the results as JSON as well
`;

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    singles: { type: 'string', default: '300' },
    binary: { type: 'string' },
    gogc: { type: 'string' },
    gomemlimit: { type: 'string' },
    mixed: { type: 'string', default: '0' },
    only: { type: 'string' },
    'data-dir': { type: 'string' },
    'debug-addr': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const persons = Number(values.persons);
const runs = Number(values.runs);
const singles = Number(values.singles);
const mixedSeconds = Number(values.mixed);
const phases = new Set((values.only ?? `one,floor1,in1000,floor1000,in3000,all${mixedSeconds > 0 ? ',mixed' : ''}`).split(','));
const say = (line: string) => void process.stderr.write(`${line}\n`);

const env: Record<string, string> = {};
if (values.gogc) env.GOGC = values.gogc;
if (values.gomemlimit) env.GOMEMLIMIT = values.gomemlimit;

/** The setting FerretDB runs with: ours, else the environment's, else the project's (ferretDb.ts). */
const runtime = (name: 'GOGC' | 'GOMEMLIMIT') => env[name] ?? process.env[name] ?? FERRETDB_GO_RUNTIME[name];

const server = await startEmbeddedServer({
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  ferretdb: {
    ...(values.binary ? { binary: values.binary } : {}),
    env,
    ...(values['debug-addr'] ? { debugAddr: values['debug-addr'] } : {}),
  },
});
const client = new MongoClient(server.mongoUri, { maxPoolSize: 16 });

interface PhaseResult {
  phase: string;
  /** Median wall time of one operation (bulk) or p50 of the single reads, ms. */
  ms: number;
  p90Ms?: number;
  min?: number;
  max?: number;
  documents: number;
  ferretdbCpuMs: number;
  postgresCpuMs: number;
  extra?: Record<string, number>;
}
const results: PhaseResult[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Runs `op` `times` times one after the other and records its latency and the servers' CPU per operation. */
async function phase(name: string, times: number, op: (i: number) => Promise<number>): Promise<void> {
  await op(-1); // warm-up: connections, FerretDB's metadata, PostgreSQL's caches
  const ferret0 = cpuMs(server.ferretdbPid);
  const pg0 = treeCpuMs(server.postgresPid);
  const ms: number[] = [];
  let documents = 0;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    documents = await op(i);
    ms.push(performance.now() - t);
  }
  const result: PhaseResult = {
    phase: name,
    ms: median(ms),
    p90Ms: quantile(ms, 0.9),
    min: Math.min(...ms),
    max: Math.max(...ms),
    documents,
    ferretdbCpuMs: (cpuMs(server.ferretdbPid) - ferret0) / times,
    postgresCpuMs: (treeCpuMs(server.postgresPid) - pg0) / times,
  };
  results.push(result);
  say(
    `${name}: ${result.ms.toFixed(2)} ms (p90 ${result.p90Ms!.toFixed(2)}, min ${result.min!.toFixed(2)}), ${documents} documents, ` +
      `FerretDB ${result.ferretdbCpuMs.toFixed(2)} ms CPU, PostgreSQL ${result.postgresCpuMs.toFixed(2)} ms CPU per operation`,
  );
}

try {
  if (!(await isSeeded(client))) {
    say(`seeding ${persons} persons…`);
    await seedDatabase(client, { persons, seed: 1 });
    await ensureIndexes(client, { postgresUrl: server.postgresUrl });
    await analyzeFerretDbTables(server.postgresUrl);
  }
  const personsColl = client.db(collections.persons.database).collection<{ _id: string }>(collections.persons.name);
  const ssins = (await personsColl.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
  const random = new Random(20_260_001);
  const draw = (n: number) => {
    const picked = new Set<string>();
    while (picked.size < Math.min(n, ssins.length)) picked.add(ssins[random.int(0, ssins.length - 1)]!);
    return [...picked];
  };
  const buildInfo = await client.db('admin').command({ buildInfo: 1 });
  say(
    `FerretDB ${String(buildInfo.ferretdbVersion)}, ${ssins.length} persons, GOGC=${runtime('GOGC')} GOMEMLIMIT=${runtime('GOMEMLIMIT')}`,
  );

  if (phases.has('one')) await phase('one person by _id', singles, async () => ((await personsColl.findOne({ _id: draw(1)[0]! })) ? 1 : 0));
  if (phases.has('floor1'))
    await phase('store floor, one person (three sources)', singles, async () => (await readPersonsFromStore(client, draw(1))).documents);
  if (phases.has('in1000'))
    await phase('1,000 persons by _id $in', runs, async () => (await personsColl.find({ _id: { $in: draw(1000) } }).toArray()).length);
  if (phases.has('floor1000'))
    await phase('store floor, 1,000 persons (three sources)', runs, async () => (await readPersonsFromStore(client, draw(1000))).documents);
  if (phases.has('in3000'))
    await phase('3,000 persons by _id $in', runs, async () => (await personsColl.find({ _id: { $in: draw(3000) } }).toArray()).length);
  if (phases.has('all')) await phase('every person, no filter', runs, async () => (await personsColl.find({}).toArray()).length);
  if (phases.has('insert')) {
    // What the audit trail's writer sends for a three-source request: four records in one insertMany.
    const audit = client.db(databases.audit).collection<{ _id: string }>('measure_inserts');
    let seq = 0;
    await phase('insertMany of 4 audit-like records', singles, async () => (await audit.insertMany(auditLike(seq++))).insertedCount);
    await audit.drop();
  }
  if (phases.has('mixed')) await mixedLoad(mixedSeconds);
  say(`FerretDB peak RSS ${peakRssMiB(server.ferretdbPid).toFixed(0)} MiB`);

  if (values.json) {
    const settings = { GOGC: runtime('GOGC'), GOMEMLIMIT: runtime('GOMEMLIMIT') };
    process.stdout.write(`${JSON.stringify({ ferretdb: buildInfo.ferretdbVersion, settings, persons: ssins.length, results }, null, 2)}\n`);
  }

  /** Four records shaped as the audit trail writes them (shared/src/audit/records.ts): a request and three releases. */
  function auditLike(seq: number) {
    const at = new Date().toISOString();
    const common = { requestId: `m-${seq}`, partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authorizationIds: ['ISC/24/017'] };
    return [
      {
        _id: `request:m-${seq}`,
        kind: 'request',
        ...common,
        partnerDay: 'capac|2026-11-27',
        endUser: 'agent-0042',
        operationName: 'Person',
        documentHash: 'd'.repeat(64),
        outcome: 'answered',
        code: null,
        durationMs: 12.5,
        chain: 'measure:1',
        seq: seq * 4,
        prev: 'f'.repeat(64),
        hash: 'e'.repeat(64),
        at,
      },
      ...['persons', 'employment', 'unemployment'].map((source, i) => ({
        _id: `release:m-${seq}:${source}`,
        kind: 'release',
        ...common,
        partnerDay: 'capac|2026-11-27',
        source,
        ssins: draw(1),
        fields: ['Query.person', 'Person.name', 'PersonName.lastName', 'PersonName.firstNames'],
        chain: 'measure:1',
        seq: seq * 4 + i + 1,
        prev: 'e'.repeat(64),
        hash: 'e'.repeat(64),
        at,
      })),
    ];
  }

  /**
   * What a busy hub asks of the store at once: four clients reading one person's three sources
   * in a loop, one reading 1,000 persons', one inserting audit-like records four at a time.
   */
  async function mixedLoad(seconds: number): Promise<void> {
    const audit = client.db(databases.audit).collection<{ _id: string }>('measure_records');
    const deadline = performance.now() + seconds * 1000;
    const single: number[] = [];
    const bulk: number[] = [];
    let inserts = 0;
    let seq = 0;
    const ferret0 = cpuMs(server.ferretdbPid);
    const pg0 = treeCpuMs(server.postgresPid);
    const loop = async (body: () => Promise<void>) => {
      while (performance.now() < deadline) await body();
    };
    const timed = (into: number[], body: () => Promise<unknown>) => async () => {
      const t = performance.now();
      await body();
      into.push(performance.now() - t);
    };
    await Promise.all([
      ...Array.from({ length: 4 }, () => loop(timed(single, () => readPersonsFromStore(client, draw(1))))),
      loop(timed(bulk, () => readPersonsFromStore(client, draw(1000)))),
      loop(async () => {
        const at = new Date();
        await audit.insertMany(
          Array.from({ length: 4 }, (_, i) => ({
            _id: `measure:${seq}:${i}`,
            kind: i === 0 ? 'request' : 'release',
            chain: 'measure:1',
            seq: seq * 4 + i,
            ssins: draw(1),
            fields: ['Query.person', 'Person.name', 'PersonName.lastName'],
            at,
            durationMs: 12.5,
            hash: 'e'.repeat(64),
          })),
        );
        seq++;
        inserts += 4;
      }),
    ]);
    await audit.drop();
    const result: PhaseResult = {
      phase: `mixed load, ${seconds} s`,
      ms: median(single),
      p90Ms: quantile(single, 0.9),
      documents: 0,
      ferretdbCpuMs: cpuMs(server.ferretdbPid) - ferret0,
      postgresCpuMs: treeCpuMs(server.postgresPid) - pg0,
      extra: {
        singlePerSecond: single.length / seconds,
        singleP99Ms: quantile(single, 0.99),
        bulkPerSecond: bulk.length / seconds,
        bulkP50Ms: median(bulk),
        insertsPerSecond: inserts / seconds,
      },
    };
    results.push(result);
    say(
      `mixed load, ${seconds} s: single ${result.extra!.singlePerSecond!.toFixed(1)}/s p50 ${result.ms.toFixed(2)} p99 ${result.extra!.singleP99Ms!.toFixed(2)} ms; ` +
        `1,000-person ${result.extra!.bulkPerSecond!.toFixed(2)}/s p50 ${result.extra!.bulkP50Ms!.toFixed(0)} ms; ` +
        `${result.extra!.insertsPerSecond!.toFixed(0)} inserts/s; FerretDB ${result.ferretdbCpuMs.toFixed(0)} ms CPU, PostgreSQL ${result.postgresCpuMs.toFixed(0)} ms`,
    );
  }
} finally {
  await client.close();
  await server.stop();
}
