import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  /** Population sizes for the growth scenario, ascending. */
  sizes: number[];
  /** The size the systems are compared at (one of `sizes`). */
  mainSize: number;
  rounds: number;
  /** Seconds per measured load run. */
  durationS: number;
  warmupS: number;
  /** Connections of the closed-model saturation run. */
  connections: number;
  /** The open-model target rate, requests/s. */
  targetRate: number;
  /** Open-model runs at these fractions of saturation (before the one at the target rate). */
  openFractions: number[];
  /** Requests at least in each open-model run at a fraction of saturation, however low the rate (the run lasts longer). */
  openMinRequests: number;
  /** Calls per bulk size. */
  bulkRepeats: number;
  /** The bulk sizes, in SSINs per `persons` call (the largest is also the call size of the "many persons" run). */
  bulkSizes: number[];
  /** Persons asked for in the bulk scenario's last run, in calls of the largest bulk size. */
  bulkManyPersons: number;
  seed: number;
  /** Profile our gateway (node --cpu-prof) under saturation, after the comparison. */
  profile: boolean;
  /** Run the Node services and the generator only, over this MongoDB (must be empty); default: the embedded server. */
  mongoUri?: string;
  build: boolean;
  /**
   * Start the next system's processes while the current one is measured, and
   * count database commands and measure growth at the main size on the first
   * system rather than on processes of their own (--quick: faster, and it
   * disturbs every measurement).
   */
  overlap: boolean;
  /** Write BENCHMARKS.md from this run (default: a full run, not --quick). */
  writeBenchmarks: boolean;
}

const usage = `npm run bench -- [options]
  --quick               a smoke run (< 2 minutes): 2,000 persons, one round, 0.5 s loads, no warm-up, open model at
                        50 % of saturation and at 50 req/s, bulk up to 100 SSINs, services started ahead; exits 1
                        if a system or a scenario failed
  --sizes 10000,100000  population sizes for the growth scenario (default 10000,100000,1000000)
  --main-size N         the size the systems are compared at (default: 100000 if listed, else the largest)
  --rounds N            rounds of every system, interleaved (default 3)
  --duration S          seconds per measured load (default 10)
  --warmup S            seconds of warm-up per system (default 5; 0: none)
  --connections N       closed-model connections (default 8)
  --target-rate N       the open-model target rate, req/s (default 150)
  --bulk-repeats N      calls per bulk size (default 5)
  --profile / --no-profile   profile the gateway under saturation (default: on, off with --quick)
  --no-build            skip the production build (npm run build); the compiled services must be there already
  --no-write-benchmarks do not regenerate BENCHMARKS.md
  --render FILE.json    re-render a past run's .md (and BENCHMARKS.md for a full run; --benchmarks forces it)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      'main-size': { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'target-rate': { type: 'string' },
      'bulk-repeats': { type: 'string' },
      seed: { type: 'string' },
      profile: { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      'mongo-uri': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-write-benchmarks': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const quick = values.quick!;
  const num = (v: string | undefined, fallback: number, zero = false) => {
    if (v === undefined) return fallback;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n < 0 || (n === 0 && !zero)) {
      throw new Error(`not a ${zero ? 'non-negative' : 'positive'} number: ${v}\n${usage}`);
    }
    return n;
  };
  const sizes = (values.sizes ? values.sizes.split(',').map((s) => num(s, 0)) : quick ? [2_000] : [10_000, 100_000, 1_000_000]).sort(
    (a, b) => a - b,
  );
  const mainSize = num(values['main-size'], sizes.includes(100_000) ? 100_000 : sizes[sizes.length - 1]!);
  if (!sizes.includes(mainSize)) {
    sizes.push(mainSize);
    sizes.sort((a, b) => a - b);
  }
  return {
    quick,
    sizes,
    mainSize,
    rounds: num(values.rounds, quick ? 1 : 3),
    durationS: num(values.duration, quick ? 0.5 : 10),
    warmupS: num(values.warmup, quick ? 0 : 5, true),
    connections: num(values.connections, 8),
    // Quick: 25 requests in the 0.5 s run, not 75 queued behind a system that answers 20 a second here.
    targetRate: num(values['target-rate'], quick ? 50 : 150),
    openFractions: quick ? [0.5] : [0.25, 0.5, 0.75],
    openMinRequests: quick ? 5 : 10,
    bulkRepeats: num(values['bulk-repeats'], quick ? 1 : 5),
    // Quick: a call of 1,000 takes 3 to 8 s on FerretDB here, past a source's 5-s timeout when the machine is busy.
    bulkSizes: quick ? [1, 10, 100] : [1, 10, 100, 1_000],
    bulkManyPersons: quick ? 200 : 10_000,
    seed: num(values.seed, 1),
    profile: values['no-profile'] ? false : (values.profile ?? !quick),
    ...(values['mongo-uri'] ? { mongoUri: values['mongo-uri'] } : {}),
    build: !values['no-build'],
    overlap: quick,
    writeBenchmarks: !values['no-write-benchmarks'] && !quick,
  };
}
