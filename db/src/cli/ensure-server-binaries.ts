// Installs what the embedded database needs (PostgreSQL 15, FerretDB with our
// patches) unless MONGODB_URI points at a server of its own, and FerretDB as
// released, which the differential test compares our build with
// (test/src/ferretDbDifferential.e2e.ts). Run by `npm test` before the tests;
// `npm start` builds only what it runs.
import { ensureServerBinaries, ensureStockFerretDb } from '../embedded/binaries.js';

if (!process.env.MONGODB_URI) {
  await ensureServerBinaries();
  await ensureStockFerretDb();
}
