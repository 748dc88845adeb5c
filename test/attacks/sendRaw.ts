import { Pool } from 'undici';
import type { AttackRequest } from './catalogue.js';

export interface RawResponse {
  status: number;
  contentType: string | null;
  requestId: string | null;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body as JSON, when it is JSON. */
  json?: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/**
 * Sends a request exactly as given — any method, any content type, any body,
 * over a keep-alive connection of the given pool — as an attacker's client
 * would, and reads the whole answer.
 */
export async function sendRaw(origin: string, request: AttackRequest, pool?: Pool): Promise<RawResponse> {
  const own = pool ?? new Pool(origin, { connections: 1 });
  try {
    const response = await own.request({
      method: request.method as 'GET',
      path: request.path ?? '/graphql',
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    const text = await response.body.text();
    let json: RawResponse['json'];
    try {
      json = JSON.parse(text) as RawResponse['json'];
    } catch {
      json = undefined;
    }
    const header = (name: string) => {
      const value = response.headers[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    };
    return {
      status: response.statusCode,
      contentType: header('content-type'),
      requestId: header('x-request-id'),
      headers: response.headers,
      text,
      ...(json !== undefined ? { json } : {}),
    };
  } finally {
    if (!pool) await own.close();
  }
}
