import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';
import { requestScope } from './telemetry/requestContext.js';

/**
 * Operational logs: JSON lines on stdout. They must never carry an SSIN or the
 * variables of a request — personal data belongs in the audit store only — so
 * nothing here logs request bodies, and error objects are reduced to their
 * message and code before logging (see `describeError`).
 *
 * Every line written while a request is served carries its `requestId` (the gateway's, in every source it
 * calls), and, when tracing is on, the trace and span it belongs to, whichever module logs it.
 */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: requestFields,
  });
}

function requestFields(): Record<string, string> {
  const requestId = requestScope.getStore()?.requestId;
  const span = trace.getActiveSpan()?.spanContext();
  // An id the line states itself (a refusal logged with its request's id) wins over the scope's: pino merges the mixin first.
  return {
    ...(requestId ? { requestId } : {}),
    ...(span && span.traceFlags & 1 ? { traceId: span.traceId, spanId: span.spanId } : {}),
  };
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
