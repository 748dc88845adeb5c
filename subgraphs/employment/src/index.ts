export { employmentSubgraph } from './server.js';
export { sdl, typeDefs } from './typeDefs.js';
