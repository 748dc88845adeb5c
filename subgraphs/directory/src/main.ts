import { runSubgraph } from '@crossroads/shared';
import { directorySubgraph } from './server.js';

await runSubgraph(directorySubgraph);
