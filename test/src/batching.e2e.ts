import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { detectServerKind, type ServerKind } from '@crossroads/shared';
import { collections } from '@crossroads/db';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { withSources } from './helpers/sourceDatabase.js';
import { startInProcessSystem } from './helpers/inProcessSystem.js';
import { capacBenefit } from './helpers/partnerHeaders.js';

const { mongoUri, persons: population } = inject('stack');

const BULK = /* GraphQL */ `
  query Bulk($ssins: [SSIN!]!) {
    persons(ssins: $ssins) {
      ssin
      name {
        lastName
      }
      employments {
        employer {
          name
        }
      }
      unemploymentPayments(from: "2024-01-01", to: "2024-12-31") {
        month
      }
    }
  }
`;

/** What the driver sent while a request ran: every `find`, and how many were in flight at once. */
class CommandLog {
  finds: Array<{ collection: string; filter: Record<string, unknown> }> = [];
  private inFlight = 0;
  maxInFlight = 0;

  attach(client: MongoClient): void {
    client.on('commandStarted', (event: CommandStartedEvent) => {
      if (event.commandName !== 'find') return;
      this.finds.push({ collection: String(event.command.find), filter: event.command.filter ?? {} });
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    });
    const done = (event: { commandName: string }) => {
      if (event.commandName === 'find') this.inFlight--;
    };
    client.on('commandSucceeded', done);
    client.on('commandFailed', done);
  }

  reset(): void {
    this.finds = [];
    this.maxInFlight = 0;
  }

  countBy(collection: string): number {
    return this.finds.filter((f) => f.collection === collection).length;
  }
}

/** The system in this process, its driver's commands logged. */
async function startMonitoredSystem(serverKind: ServerKind) {
  const client = new MongoClient(mongoUri, { monitorCommands: true, maxPoolSize: 100 });
  await client.connect();
  const log = new CommandLog();
  log.attach(client);
  const system = await startInProcessSystem({ client, serverKind });
  return {
    gateway: system.gateway,
    log,
    async stop() {
      await system.stop();
      await client.close();
    },
  };
}

let ssins: string[];
beforeAll(async () => {
  ssins = await withSources(mongoUri, (s) => s.someSsins(1000));
  expect(ssins).toHaveLength(Math.min(1000, population));
});

describe('persons with 1,000 SSINs on our FerretDB build', () => {
  let system: Awaited<ReturnType<typeof startMonitoredSystem>>;
  let kind: ServerKind;
  beforeAll(async () => {
    const client = new MongoClient(mongoUri);
    try {
      kind = await detectServerKind(client);
    } finally {
      await client.close();
    }
    system = await startMonitoredSystem(kind);
  });
  afterAll(() => system?.stop());

  it('is the patched build, which pushes $in down', () => {
    expect(kind).toBe('ferretdb-in-pushdown');
  });

  it('costs one $in query per source collection', async () => {
    system.log.reset();
    const { body } = await graphqlRequest(system.gateway.url, BULK, { ssins }, await capacBenefit());
    expect(body.errors).toBeUndefined();
    expect((body.data!.persons as unknown[]).length).toBe(ssins.length);
    expect(system.log.countBy('persons')).toBe(1);
    expect(system.log.countBy('employments')).toBe(1);
    expect(system.log.countBy('payments')).toBe(1);
    // Employers may all be in the process-wide cache already.
    expect(system.log.countBy('employers')).toBeLessThanOrEqual(1);
    const personsFind = system.log.finds.find((f) => f.collection === 'persons')!;
    expect((personsFind.filter._id as { $in: string[] }).$in).toHaveLength(ssins.length);
  });

  it('answers a $in from the GIN index, not by reading the collection', async () => {
    const client = new MongoClient(mongoUri);
    try {
      for (const [{ database, name }, key] of [
        [collections.persons, '_id'],
        [collections.employments, 'ssin'],
        [collections.unemploymentPayments, 'ssin'],
      ] as const) {
        const explained = await client.db(database).command({ explain: { find: name, filter: { [key]: { $in: ssins.slice(0, 200) } } } });
        const nodes = planNodes(explained.queryPlanner);
        expect(nodes.map((n) => n['Node Type'])).toContain('Bitmap Index Scan');
        expect(nodes.map((n) => n['Node Type'])).not.toContain('Seq Scan');
        expect(nodes.find((n) => n['Node Type'] === 'Bitmap Index Scan')!['Index Name']).toMatch(/_gin$/);
      }
    } finally {
      await client.close();
    }
  });
});

/** Every node of a PostgreSQL JSON plan, as FerretDB's explain returns it. */
function planNodes(plan: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(plan)) return plan.flatMap(planNodes);
  if (plan === null || typeof plan !== 'object') return [];
  const node = plan as Record<string, unknown>;
  return [...('Node Type' in node ? [node] : []), ...Object.values(node).flatMap(planNodes)];
}

describe('persons with 1,000 SSINs on a stock FerretDB (no $in pushdown)', () => {
  let system: Awaited<ReturnType<typeof startMonitoredSystem>>;
  beforeAll(async () => {
    system = await startMonitoredSystem('ferretdb');
  });
  afterAll(() => system?.stop());

  it('reads each source by indexed equality, one point read per SSIN, all in flight together', async () => {
    system.log.reset();
    const { body } = await graphqlRequest(system.gateway.url, BULK, { ssins }, await capacBenefit());
    expect(body.errors).toBeUndefined();
    expect((body.data!.persons as unknown[]).length).toBe(ssins.length);

    expect(system.log.countBy('persons')).toBe(ssins.length);
    expect(system.log.countBy('employments')).toBe(ssins.length);
    expect(system.log.countBy('payments')).toBe(ssins.length);
    // Employers are shared between persons: at most one read per distinct employer.
    expect(system.log.countBy('employers')).toBeLessThanOrEqual(ssins.length);
    // Every filter is one equality on an indexed key: nothing FerretDB would scan for.
    // The reference directory's entries (scope `followed`) are read by their `_id`, one point read per SSIN too.
    for (const { collection, filter } of system.log.finds) {
      const key = collection === 'persons' || collection === 'employers' || collection === 'entries' ? '_id' : 'ssin';
      expect(Object.keys(filter)).toEqual([key]);
      expect(typeof filter[key]).toBe('string');
    }
    // Concurrent, not N sequential round trips.
    expect(system.log.maxInFlight).toBeGreaterThanOrEqual(50);
  });
});

describe('persons with 1,000 SSINs, batched as for MongoDB', () => {
  let system: Awaited<ReturnType<typeof startMonitoredSystem>>;
  beforeAll(async () => {
    system = await startMonitoredSystem('mongodb');
  });
  afterAll(() => system?.stop());

  it('costs one $in query per source collection', async () => {
    system.log.reset();
    const { body } = await graphqlRequest(system.gateway.url, BULK, { ssins }, await capacBenefit());
    expect(body.errors).toBeUndefined();
    expect(system.log.countBy('persons')).toBe(1);
    expect(system.log.countBy('employments')).toBe(1);
    expect(system.log.countBy('payments')).toBe(1);
    expect(system.log.countBy('employers')).toBe(1);
    const personsFind = system.log.finds.find((f) => f.collection === 'persons')!;
    expect((personsFind.filter._id as { $in: string[] }).$in).toHaveLength(ssins.length);
  });
});
