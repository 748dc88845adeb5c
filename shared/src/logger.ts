import { pino, type Logger } from 'pino';

/**
 * Operational logs: JSON lines on stdout. They must never carry an SSIN or the
 * variables of a request — personal data belongs in the audit store only — so
 * nothing here logs request bodies, and error objects are reduced to their
 * message and code before logging (see `describeError`).
 */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };

/** What may be logged of an error: its class, code and message — never its variables. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code ?? (error as { extensions?: { code?: unknown } }).extensions?.code;
    const cause = error.cause as { name?: unknown; code?: unknown } | undefined;
    return {
      errorName: error.name,
      errorCode: code,
      errorMessage: error.message,
      // The cause's class and code only: a driver's message may quote the values it was given.
      ...(cause ? { causeName: cause.name, causeCode: cause.code } : {}),
    };
  }
  return { errorMessage: String(error) };
}
