import { runSubgraph } from '@crossroads/shared';
import { employmentSubgraph } from './server.js';

await runSubgraph(employmentSubgraph);
