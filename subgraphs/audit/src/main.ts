import { runSubgraph } from '@crossroads/shared';
import { auditSubgraph } from './server.js';

await runSubgraph(auditSubgraph);
