import { startEmbeddedServer, ensureIndexes } from '../../db/src/index.ts';
import { MongoClient } from 'mongodb';
import fs from 'node:fs';
const t0 = Date.now();
const s = await startEmbeddedServer({ dataDir: '/tmp/crossroads-dev-db' });
console.log('started in', Date.now() - t0, s.mongoUri, s.postgresUrl);
fs.writeFileSync('/tmp/crossroads-mongo-uri', s.mongoUri);
const c = new MongoClient(s.mongoUri); await c.connect();
console.log(await c.db('admin').command({ buildInfo: 1 }));
await ensureIndexes(c, { postgresUrl: s.postgresUrl });
console.log('indexes ok');
await c.close();
// keep running for helper
setInterval(() => {}, 1e6);
process.on('SIGTERM', async () => { await s.stop(); process.exit(0); });
