import type { ErrorCode } from '../errors.js';

/**
 * A request refused at the HTTP layer, before GraphQL sees it: wrong method,
 * media type or body, too large, over a limit, or the caller not admitted. Its
 * message is written for the caller and never echoes what was sent.
 */
export class HttpRefusal extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** Public extensions beside `code` (reason, limit, max, …). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Response headers (Allow, Retry-After). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Who was refused, when the refusal came after they were identified (a valid
   * token but no purpose): the refusal is then recorded under their name.
   */
  readonly subject?: unknown;

  constructor(options: {
    status: number;
    code: ErrorCode;
    message: string;
    extensions?: Record<string, unknown>;
    headers?: Record<string, string>;
    subject?: unknown;
  }) {
    super(options.message);
    this.name = 'HttpRefusal';
    this.status = options.status;
    this.code = options.code;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
    if (options.subject !== undefined) this.subject = options.subject;
  }

  /** The GraphQL-over-HTTP body of the refusal (the request id goes in the X-Request-Id header, as for any answer). */
  toBody(): { errors: { message: string; extensions: Record<string, unknown> }[] } {
    return { errors: [{ message: this.message, extensions: { code: this.code, ...this.extensions } }] };
  }
}

export function isHttpRefusal(error: unknown): error is HttpRefusal {
  return error instanceof HttpRefusal;
}
