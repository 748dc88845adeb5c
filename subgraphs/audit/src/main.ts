// Tracing first, when configured: the modules it instruments must load after it (shared/src/telemetry/tracing.ts).
import { startTracing } from '@crossroads/shared/tracing';

await startTracing('audit');
const [{ runSubgraph }, { auditSubgraph }] = await Promise.all([import('@crossroads/shared'), import('./server.js')]);
await runSubgraph(auditSubgraph);
