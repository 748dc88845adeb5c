import { partnerHeaders } from '../claims.js';
import { Client, Operations, type Target } from '../loadgen/client.js';
import { CommandCounter } from '../measure/commandCounter.js';
import type { DbCommands } from '../report/types.js';
import { startOurGateway, startSubgraphs } from '../system/ourServices.js';
import { sample } from './sample.js';

/**
 * Database commands per call, counted on the wire: the subgraphs of this phase
 * (everything on) reach the database through a counting proxy. Apart from the
 * timed runs, since the proxy adds a hop to every command.
 */
export async function countDbCommands(mongoUri: string, ssins: string[], bulkSizes: number[], logDir: string): Promise<DbCommands> {
  const counter = new CommandCounter(mongoUri);
  const subgraphs = await startSubgraphs(await counter.start(), [], logDir);
  try {
    const gateway = await startOurGateway(subgraphs, [], logDir);
    try {
      return await countCalls(counter, { kind: 'graphql', url: gateway.url, headers: await partnerHeaders() }, ssins, bulkSizes);
    } finally {
      await gateway.process.stop();
    }
  } finally {
    await subgraphs.stop();
    await counter.stop();
  }
}

/** The count itself, through `target`, a gateway whose subgraphs reach the database through `counter`. */
export async function countCalls(counter: CommandCounter, target: Target, ssins: string[], bulkSizes: number[]): Promise<DbCommands> {
  const client = new Client(2);
  try {
    const ops = new Operations(client, target);
    await ops.single(ssins[0]!);
    const calls = 20;
    counter.reset();
    for (const ssin of sample(ssins, calls)) await ops.single(ssin);
    const single = perCall(counter.snapshot(), calls);
    const bulk: DbCommands['bulk'] = [];
    for (const size of bulkSizes) {
      counter.reset();
      await ops.bulk(sample(ssins, size));
      bulk.push({ size, perCall: perCall(counter.snapshot(), 1) });
    }
    return { single, bulk };
  } finally {
    client.close();
  }
}

function perCall(counts: Record<string, number>, calls: number): Record<string, number> {
  const out = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / calls]));
  out.total = Object.values(counts).reduce((a, b) => a + b, 0) / calls;
  return out;
}
