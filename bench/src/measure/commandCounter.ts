import net from 'node:net';

/** Commands the driver sends on its own (handshakes, monitoring, sessions), not because of a request. */
const BACKGROUND = new Set([
  'handshake',
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'buildInfo',
  'buildinfo',
  'endSessions',
  'saslStart',
  'saslContinue',
  'getParameter',
]);

const OP_MSG = 2013;
/** The legacy opcode the driver still uses for the first `hello` of a new connection. */
const OP_QUERY = 2004;

/**
 * A TCP proxy in front of the MongoDB server that counts the commands passing
 * through it, by name (the first key of each OP_MSG body). The subgraphs of the
 * counting phase connect through it; nothing else does, since it adds a hop.
 */
export class CommandCounter {
  private counts = new Map<string, number>();
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  uri = '';

  constructor(private readonly upstreamUri: string) {}

  async start(): Promise<string> {
    const upstream = new URL(this.upstreamUri);
    this.server = net.createServer((client) => {
      const server = net.connect(Number(upstream.port), upstream.hostname);
      this.sockets.add(client).add(server);
      let pending: Buffer = Buffer.alloc(0);
      client.on('data', (chunk: Buffer) => {
        server.write(chunk);
        pending = this.scan(pending.length ? Buffer.concat([pending, chunk]) : chunk);
      });
      server.pipe(client);
      const close = () => {
        client.destroy();
        server.destroy();
        this.sockets.delete(client);
        this.sockets.delete(server);
      };
      client.on('close', close).on('error', close);
      server.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as net.AddressInfo).port;
    const uri = new URL(this.upstreamUri);
    uri.port = String(port);
    this.uri = uri.toString();
    return this.uri;
  }

  /** Counts every complete message in `buffer`; returns the incomplete rest. */
  private scan(buffer: Buffer): Buffer {
    let offset = 0;
    while (buffer.length - offset >= 16) {
      const length = buffer.readInt32LE(offset);
      if (buffer.length - offset < length) break;
      const opCode = buffer.readInt32LE(offset + 12);
      const name = opCode === OP_MSG ? firstKey(buffer, offset + 16 + 4 + 1 + 4) : opCode === OP_QUERY ? 'handshake' : `opcode ${opCode}`;
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      offset += length;
    }
    return offset === buffer.length ? Buffer.alloc(0) : Buffer.from(buffer.subarray(offset));
  }

  reset(): void {
    this.counts = new Map();
  }

  /** Request-caused commands since the last reset, by name. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].filter(([name]) => !BACKGROUND.has(name)).sort());
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The first element name of the BSON document whose first element starts at `at` (after its length). */
function firstKey(buffer: Buffer, at: number): string {
  const end = buffer.indexOf(0, at + 1);
  return end < 0 ? '?' : buffer.toString('latin1', at + 1, end);
}
