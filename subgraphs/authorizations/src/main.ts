import { runSubgraph } from '@crossroads/shared';
import { authorizationsSubgraph } from './server.js';

await runSubgraph(authorizationsSubgraph);
