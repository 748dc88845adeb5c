import http from 'node:http';
import { BULK_QUERY, SINGLE_QUERY, floorQueries } from '../queries.js';

/**
 * Where a logical request goes: one GraphQL endpoint (a gateway), the subgraphs
 * themselves (the floor), or the database through the driver alone (the store:
 * the documents the answer is made of, db/src/measure/storeReads.ts).
 */
export type Target =
  | { kind: 'graphql'; url: string; headers: Record<string, string> }
  | { kind: 'floor'; urls: { persons: string; employment: string; unemployment: string }; headers: Record<string, string> }
  | { kind: 'store'; mongoUri: string };

export interface Outcome {
  ok: boolean;
  /** The HTTP status when it was not 200 (a refusal: 429, 503). */
  status?: number;
  /** A short reason when not ok (status, first error code), for the report. */
  error?: string;
}

interface Reply {
  status: number;
  body: string;
}

/** A keep-alive HTTP client with at most `maxSockets` connections per host. */
export class Client {
  private readonly agent: http.Agent;

  constructor(
    maxSockets: number,
    private readonly timeoutMs = 30_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  post(url: URL, headers: Record<string, string>, body: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          method: 'POST',
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function judge(reply: Reply): Outcome {
  if (reply.status !== 200) return { ok: false, status: reply.status, error: `HTTP ${reply.status}${errorCode(reply.body)}` };
  // No JSON parse on the hot path: a GraphQL error always has an "errors" key.
  if (reply.body.includes('"errors"')) return { ok: false, error: `GraphQL error${errorCode(reply.body)}` };
  return { ok: true };
}

function errorCode(body: string): string {
  const m = /"code":"([A-Z_]+)"/.exec(body);
  return m ? ` ${m[1]}` : '';
}

const failed = (error: unknown): Outcome => ({ ok: false, error: error instanceof Error ? error.message : String(error) });

/** The store target's connection: the driver and the reads, loaded only by a generator that needs them. */
interface Store {
  read(ssins: string[]): Promise<{ documents: number }>;
  close(): Promise<void>;
}

async function openStore(mongoUri: string): Promise<Store> {
  const [{ MongoClient }, { readPersonsFromStore }] = await Promise.all([import('mongodb'), import('@crossroads/db/storeReads')]);
  // The subgraphs' pool size (shared/src/mongo/connectMongo.ts).
  const client = new MongoClient(mongoUri, { appName: 'crossroads-bench-store', maxPoolSize: 100 });
  await client.connect();
  // Each load is a fresh generator: its connections are opened before it sends, as the subgraphs'
  // long-lived pools already are (three reads of a person at once, eight connections at saturation).
  await Promise.all(Array.from({ length: 24 }, () => client.db('admin').command({ ping: 1 })));
  return { read: (ssins) => readPersonsFromStore(client, ssins), close: () => client.close() };
}

/** One logical request for `ssins` (one: the single-person query; several: `persons`), as each kind of target makes it. */
export class Operations {
  private readonly urls: Record<string, URL>;
  private store: Promise<Store> | undefined;

  constructor(
    private readonly client: Client,
    private readonly target: Target,
  ) {
    this.urls =
      target.kind === 'graphql'
        ? { gateway: new URL(target.url) }
        : target.kind === 'floor'
          ? {
              persons: new URL(target.urls.persons),
              employment: new URL(target.urls.employment),
              unemployment: new URL(target.urls.unemployment),
            }
          : {};
  }

  /** Opens what the first request would otherwise open (the store's connections), so that no request pays for it. */
  async ready(): Promise<void> {
    if (this.target.kind === 'store') await (this.store ??= openStore(this.target.mongoUri));
  }

  async close(): Promise<void> {
    this.client.close();
    const store = this.store;
    this.store = undefined;
    await store?.then(
      (s) => s.close(),
      () => {},
    );
  }

  async single(ssin: string): Promise<Outcome> {
    try {
      if (this.target.kind === 'store') return await this.fromStore([ssin]);
      if (this.target.kind === 'graphql') {
        return judge(
          await this.client.post(this.urls.gateway!, this.target.headers, JSON.stringify({ query: SINGLE_QUERY, variables: { ssin } })),
        );
      }
      return await this.floor(JSON.stringify({ query: floorQueries.person, variables: { ssin } }), 'person');
    } catch (error) {
      return failed(error);
    }
  }

  async bulk(ssins: string[]): Promise<Outcome> {
    try {
      if (this.target.kind === 'store') return await this.fromStore(ssins);
      if (this.target.kind === 'graphql') {
        return judge(
          await this.client.post(this.urls.gateway!, this.target.headers, JSON.stringify({ query: BULK_QUERY, variables: { ssins } })),
        );
      }
      return await this.floor(JSON.stringify({ query: floorQueries.persons, variables: { ssins } }), 'persons');
    } catch (error) {
      return failed(error);
    }
  }

  /** The documents the answer is made of, read with the driver (every SSIN is in the population: none found is an error). */
  private async fromStore(ssins: string[]): Promise<Outcome> {
    if (this.target.kind !== 'store') throw new Error('not a store target');
    const store = await (this.store ??= openStore(this.target.mongoUri));
    const { documents } = await store.read(ssins);
    return documents > 0 ? { ok: true } : { ok: false, error: 'no document found' };
  }

  /** What the gateway's plan does: the persons fetch, then both `_entities` fetches in parallel for the persons found. */
  private async floor(body: string, field: 'person' | 'persons'): Promise<Outcome> {
    if (this.target.kind !== 'floor') throw new Error('not a floor target');
    const headers = this.target.headers;
    const first = await this.client.post(this.urls.persons!, headers, body);
    const verdict = judge(first);
    if (!verdict.ok) return verdict;
    const data = (JSON.parse(first.body) as { data: Record<string, unknown> }).data[field];
    const found = (Array.isArray(data) ? data : [data]).filter((p): p is { ssin: string } => p !== null && typeof p === 'object');
    if (found.length === 0) return verdict;
    const representations = found.map((p) => ({ __typename: 'Person', ssin: p.ssin }));
    const [employment, unemployment] = await Promise.all([
      this.client.post(this.urls.employment!, headers, JSON.stringify({ query: floorQueries.employment, variables: { representations } })),
      this.client.post(
        this.urls.unemployment!,
        headers,
        JSON.stringify({ query: floorQueries.unemployment, variables: { representations } }),
      ),
    ]);
    const e = judge(employment);
    return e.ok ? judge(unemployment) : e;
  }
}
