import { runSubgraph } from '@crossroads/shared';
import { personsSubgraph } from './server.js';

await runSubgraph(personsSubgraph);
