// Tracing first, when configured: the modules it instruments must load after it (shared/src/telemetry/tracing.ts).
import { startTracing } from '@crossroads/shared/tracing';

await startTracing('directory');
const [{ runSubgraph }, { directorySubgraph }] = await Promise.all([import('@crossroads/shared'), import('./server.js')]);
await runSubgraph(directorySubgraph);
