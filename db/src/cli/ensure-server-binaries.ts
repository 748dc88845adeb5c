// Installs what the embedded database needs (PostgreSQL 15, FerretDB) unless
// MONGODB_URI points at a server of its own. Run by `npm start` and `npm test`.
import { ensureServerBinaries } from '../embedded/binaries.js';

if (!process.env.MONGODB_URI) await ensureServerBinaries();
