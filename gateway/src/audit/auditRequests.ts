import type { ApolloServerPlugin } from '@apollo/server';
import {
  describeError,
  errorCodesOf,
  failClosed,
  observeGatewayRequest,
  sha256Hex,
  type AuditTrail,
  type Logger,
  type RequestRecordBody,
} from '@crossroads/shared';
import type { GatewayContext } from '../startGateway.js';
import type { SourceCallNotes } from './sourceCallNotes.js';

/** Codes that mean the request itself was refused; any other error without data is a failure on our side. */
const REFUSALS = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'PURPOSE_REQUIRED',
  'UNKNOWN_PURPOSE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'AUDIT_ROLE_REQUIRED',
  'NOT_OWN_DATA',
  'TIME_RANGE_REVERSED',
  'TIME_RANGE_TOO_LONG',
  'INVALID_CURSOR',
  'PAGE_SIZE_OUT_OF_RANGE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSON_NOT_FOLLOWED',
  'CAPACITY_NOT_ALLOWED',
]);

/**
 * Records every request that reached the GraphQL pipeline — answered, refused
 * or failed — before its response leaves. If the record cannot be written, or a
 * source could not record what it released, the response is replaced by
 * AUDIT_UNAVAILABLE (HTTP 503): nothing is released that is not on record.
 */
export function auditRequests(trail: AuditTrail, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      // SourceDataSource notes the sources' receipts and the calls it gave up on beside the context's own fields.
      const context = contextValue as GatewayContext & SourceCallNotes;
      const started = performance.now();
      return {
        async willSendResponse({ response, request, operationName }) {
          const codes = errorCodesOf(response).filter(Boolean);
          if (codes.includes('AUDIT_UNAVAILABLE')) {
            failClosed(response);
          }
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const answered = result.data !== undefined && result.data !== null;
          const documentHash = request.query ? sha256Hex(request.query) : null;
          const record = requestRecord(context, {
            operationName: operationName ?? request.operationName ?? null,
            documentHash,
            outcome: answered ? 'answered' : codes.every((c) => REFUSALS.has(c)) && codes.length > 0 ? 'refused' : 'failed',
            code: codes[0] ?? null,
            durationMs: Math.round(performance.now() - started),
          });
          observeGatewayRequest(record);
          try {
            await Promise.all([
              trail.writer.append(record),
              documentHash && request.query ? trail.rememberDocument(documentHash, request.query) : undefined,
            ]);
          } catch (error) {
            logger.error({ requestId: contextValue.requestId, ...describeError(error) }, 'audit record not written; nothing released');
            failClosed(response);
          }
        },
      };
    },
  };
}

/** Who a record names: a caller, perhaps refused before its purpose was known. */
interface RecordedCaller {
  partnerId: string;
  purpose: string | null;
  today: string;
  endUser: string | null;
}

/**
 * The gateway's record of a request. Besides who asked, why and what came of it: every SSIN the request named
 * (`namedSsins`, whatever it selected and whatever the answer, so that a lookup releasing nothing is on the
 * person's record too), the receipts of the releases the sources recorded for it, and the calls it gave up on.
 */
export function requestRecord(
  context: {
    requestId: string;
    caller?: RecordedCaller;
    access?: GatewayContext['access'];
    namedSsins?: ReadonlySet<string>;
  } & SourceCallNotes,
  details: Pick<RequestRecordBody, 'operationName' | 'documentHash' | 'outcome' | 'code' | 'durationMs'>,
): RequestRecordBody {
  const caller = context.caller;
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    kind: 'request',
    requestId: context.requestId,
    partnerId: caller?.partnerId ?? null,
    purpose: caller?.purpose ?? null,
    authorizationIds: context.access?.authorizations.map((a) => a.id) ?? [],
    partnerDay: `${caller?.partnerId ?? '-'}|${caller?.today ?? new Date().toISOString().slice(0, 10)}`,
    endUser: caller?.endUser ?? null,
    ...details,
    ssins: [...(context.namedSsins ?? [])].sort(),
    receipts: [...(context.releaseReceipts ?? [])].sort(byId),
    undelivered: [...(context.undeliveredCalls ?? [])].sort((a, b) =>
      a.source < b.source ? -1 : a.source > b.source ? 1 : a.call - b.call,
    ),
  };
}

/**
 * Records a request refused before GraphQL (too large, over a limit, rate
 * limited, shed, malformed, not a POST) for an identified caller: the same
 * request record as any other, with the refusal's code and, when the body was
 * read, the document's hash and the document.
 */
export function recordRefusal(trail: AuditTrail) {
  return async (
    refusal: { code: string },
    caller: RecordedCaller,
    details: { requestId: string; body?: { query?: unknown; operationName?: unknown }; durationMs: number },
  ): Promise<void> => {
    const query = typeof details.body?.query === 'string' ? details.body.query : undefined;
    const documentHash = query ? sha256Hex(query) : null;
    const operationName = typeof details.body?.operationName === 'string' ? details.body.operationName : null;
    const record = requestRecord(
      { requestId: details.requestId, caller },
      { operationName, documentHash, outcome: 'refused', code: refusal.code, durationMs: details.durationMs },
    );
    observeGatewayRequest(record);
    await Promise.all([trail.writer.append(record), documentHash && query ? trail.rememberDocument(documentHash, query) : undefined]);
  };
}
