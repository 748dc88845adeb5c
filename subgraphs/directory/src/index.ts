export { directorySubgraph } from './server.js';
export { sdl, typeDefs } from './typeDefs.js';
export { createDirectoryStore, type DirectoryStore } from './directoryStore.js';
