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
  /** Calls per bulk size (1, 10, 100, 1,000). */
  bulkRepeats: number;
  seed: number;
  /** Profile our gateway (node --cpu-prof) under saturation, after the comparison. */
  profile: boolean;
  /** Run the Node services and the generator only, over this MongoDB (must be empty); default: the embedded server. */
  mongoUri?: string;
  build: boolean;
  /** Write BENCHMARKS.md from this run (default: a full run, not --quick). */
  writeBenchmarks: boolean;
}

const usage = `npm run bench -- [options]
  --quick               a smoke run: 2,000 persons, one round, 1 s loads (< 2 minutes)
  --sizes 10000,100000  population sizes for the growth scenario (default 10000,100000,1000000)
  --main-size N         the size the systems are compared at (default: 100000 if listed, else the largest)
  --rounds N            rounds of every system, interleaved (default 3)
  --duration S          seconds per measured load (default 10)
  --warmup S            seconds of warm-up per system (default 5)
  --connections N       closed-model connections (default 8)
  --bulk-repeats N      calls per bulk size (default 5)
  --profile / --no-profile   profile the gateway under saturation (default: on, off with --quick)
  --no-build            skip composing the supergraph
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
  const num = (v: string | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${v}\n${usage}`);
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
    durationS: num(values.duration, quick ? 1 : 10),
    warmupS: num(values.warmup, quick ? 0.5 : 5),
    connections: num(values.connections, 8),
    targetRate: num(values['target-rate'], 150),
    bulkRepeats: num(values['bulk-repeats'], quick ? 1 : 5),
    seed: num(values.seed, 1),
    profile: values['no-profile'] ? false : (values.profile ?? !quick),
    ...(values['mongo-uri'] ? { mongoUri: values['mongo-uri'] } : {}),
    build: !values['no-build'],
    writeBenchmarks: !values['no-write-benchmarks'] && !quick,
  };
}
