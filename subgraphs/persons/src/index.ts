export { personsSubgraph } from './server.js';
export { sdl, typeDefs } from './typeDefs.js';
