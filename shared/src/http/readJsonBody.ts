import type { IncomingMessage } from 'node:http';

/** A request the HTTP layer refuses before GraphQL sees it; the message is safe to return. */
export class HttpInputError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses a JSON body, refusing more than `limitBytes` without buffering it all. */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new HttpInputError(413, `The request body is larger than ${limitBytes} bytes.`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpInputError(400, 'The request body is not valid JSON.');
  }
}
