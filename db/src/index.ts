export * from './layout.js';
export * from './indexes.js';
export { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './embedded/embeddedServer.js';
export { freePort } from './embedded/freePort.js';
export { ensureServerBinaries, ensureStockFerretDb, FERRETDB_BUILD, FERRETDB_VERSION } from './embedded/binaries.js';
export { startFerretDbBuilds, type FerretDbBuild, type FerretDbBuilds } from './embedded/ferretDbBuilds.js';
export * as codelists from './codelists/index.js';
export { generatePopulation } from './seed/generatePopulation.js';
export { seedDatabase, isSeeded } from './seed/writeSeed.js';
