export { startGateway, type GatewayOptions, type GatewayContext } from './startGateway.js';
export { createGatewayAccess, gatewayAccessFromEnv, type GatewayAccess } from './access/gatewayAccess.js';
export { composeSupergraph, subgraphs, type SubgraphName } from './composeSupergraph.js';
export { readSupergraph, supergraphPath } from './supergraphFile.js';
