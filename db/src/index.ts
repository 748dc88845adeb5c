export * from './layout.js';
export * from './indexes.js';
export { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './embedded/embeddedServer.js';
export { freePort } from './embedded/freePort.js';
export { ensureServerBinaries } from './embedded/binaries.js';
export * as codelists from './codelists/index.js';
export { generatePopulation } from './seed/generatePopulation.js';
export { seedDatabase, isSeeded } from './seed/writeSeed.js';
