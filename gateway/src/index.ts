export { startGateway, type GatewayOptions } from './startGateway.js';
export { composeSupergraph, subgraphs, type SubgraphName } from './composeSupergraph.js';
export { readSupergraph, supergraphPath } from './supergraphFile.js';
