// `npm run seed -- --persons N --seed S [--force]`: writes a synthetic population
// into the MongoDB (or FerretDB) server at MONGODB_URI. Indexes are not made
// here: `npm start` (ensureIndexes) creates them on a seeded database too.
import { parseArgs } from 'node:util';
import { connectMongo } from '@crossroads/shared';
import { databases } from '../layout.js';
import { isSeeded, seedDatabase, type SeedProgress } from '../seed/writeSeed.js';

const USAGE = `usage: npm run seed -- [--persons N] [--seed S] [--force] [--batch-size B]

Seeds the three authentic sources (${Object.values(databases).join(', ')}) at MONGODB_URI
with N synthetic persons (default 10000, the four reference persons included) from
seed S (default 1): the same N and S always give the same data.

  --force        drop the three databases first when they already hold data
  --batch-size   documents per insertMany (default 1000)
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) fail(`--${name} takes a whole number of at least ${min}; got ${JSON.stringify(value)}.`);
  return n;
}

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '1000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const persons = wholeNumber('persons', values.persons, 4);
const seed = wholeNumber('seed', values.seed, Number.MIN_SAFE_INTEGER);
const batchSize = wholeNumber('batch-size', values['batch-size'], 1);
const uri = process.env.MONGODB_URI;
if (!uri) fail('MONGODB_URI is not set: point it at the MongoDB (or FerretDB) server to seed, e.g. MONGODB_URI=mongodb://127.0.0.1:27017.');

const format = (n: number) => n.toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const client = await connectMongo(uri, 'crossroads-seed').catch((error: Error) => fail(`Cannot reach MONGODB_URI: ${error.message}`, 1));
try {
  if (await isSeeded(client)) {
    if (!values.force) fail('The database already holds persons. Pass --force to drop the three databases and seed again.', 1);
    for (const name of Object.values(databases)) await client.db(name).dropDatabase();
    process.stderr.write(`dropped ${Object.values(databases).join(', ')}\n`);
  }
  process.stderr.write(`seeding ${format(persons)} persons (seed ${seed})…\n`);
  const summary = await seedDatabase(client, {
    persons,
    seed,
    batchSize,
    onProgress: (p: SeedProgress) => {
      // Progress only means something on long runs; small ones finish in seconds.
      if (p.totalPersons < 20_000) return;
      const rate = p.persons / (p.elapsedMs / 1000);
      process.stderr.write(
        `  ${format(p.persons)} / ${format(p.totalPersons)} persons, ${format(Math.round(rate))} persons/s, ${seconds(p.elapsedMs)}\n`,
      );
    },
  });
  const rows = Object.entries(summary.documents);
  const width = Math.max(...rows.map(([name]) => name.length));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  process.stdout.write(
    `${rows.map(([name, n]) => `${name.padEnd(width)}  ${format(n).padStart(12)}`).join('\n')}\n` +
      `${'total'.padEnd(width)}  ${format(total).padStart(12)} documents in ${seconds(summary.elapsedMs)}\n`,
  );
} finally {
  await client.close();
}
