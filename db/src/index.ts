export * from './layout.js';
export * from './indexes.js';
export { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './embedded/embeddedServer.js';
export { freePort } from './embedded/freePort.js';
export { ensureServerBinaries } from './embedded/binaries.js';
