import { runSubgraph } from '@crossroads/shared';
import { unemploymentSubgraph } from './server.js';

await runSubgraph(unemploymentSubgraph);
