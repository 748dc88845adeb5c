export { authorizationsSubgraph } from './server.js';
export { sdl, typeDefs } from './typeDefs.js';
