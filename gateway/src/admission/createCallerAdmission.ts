import type { IncomingMessage } from 'node:http';
import {
  HttpRefusal,
  todayInBelgium,
  type GraphQLRequestBody,
  type HttpAdmission,
  type RefusalDetails,
  type RequestLimits,
} from '@crossroads/shared';
import { GraphQLError } from 'graphql';
import { declaredPurpose, identifyCaller } from '../access/authenticateCaller.js';
import type { GatewayAccess } from '../access/gatewayAccess.js';
import { checkOperationLimits } from '../limits/checkOperationLimits.js';
import { limitsFor } from '../limits/requestLimits.js';
import type { Caller } from '../startGateway.js';
import type { RefusalCounter } from './anonymousRefusals.js';
import type { InFlight } from './inFlight.js';

/** A caller let in: who, under which limits, holding a slot until its response is sent. */
export interface Admitted {
  caller: Caller;
  limits: Readonly<RequestLimits>;
  /** Whose fair-use counters it counts against: the partner, or the citizen. */
  key: string;
  release: () => void;
}

/** A refused caller that was identified first: recorded under its name, its purpose if it declared a valid one. */
export interface RefusedCaller {
  caller: Omit<Caller, 'purpose'> & { purpose: string | null };
}

export interface CallerAdmissionOptions {
  access: GatewayAccess;
  inFlight: InFlight;
  /** Requests in progress at once in this gateway process; beyond it, requests are shed with OVERLOADED. */
  maxInFlight: number;
  anonymous: RefusalCounter;
  /** Writes the audit record of an identified caller's refusal. */
  record(refusal: HttpRefusal, caller: RefusedCaller['caller'], details: RefusalDetails): Promise<void>;
}

/**
 * Who may come in, decided on the headers before the body is read: the
 * partner's (or citizen's) token and declared purpose, then whether the
 * gateway has room (OVERLOADED, shed at once rather than queued) and whether
 * the caller is within its concurrency limit. The request rate is checked
 * next by the rate limiter (configureRateLimit), and the operation's limits
 * once the body is read. Every refusal of an identified caller is recorded in
 * the audit trail; an unidentified caller's is only counted.
 */
export function createCallerAdmission(options: CallerAdmissionOptions): HttpAdmission<Admitted> {
  const { access, inFlight } = options;
  return {
    async admit(req: IncomingMessage) {
      const policies = access.policies.current();
      const today = todayInBelgium();
      const identity = await identifyCaller(access, policies, req).catch((error: unknown) => {
        throw refusalOf(error);
      });
      let purpose: string;
      try {
        purpose = declaredPurpose(identity, policies, req);
      } catch (error) {
        throw refusalOf(error, { caller: { ...identity, purpose: null, today, policies } } satisfies RefusedCaller);
      }
      const caller: Caller = { ...identity, purpose, today, policies };
      const subject: RefusedCaller = { caller };
      if (inFlight.total >= options.maxInFlight) {
        throw new HttpRefusal({
          status: 503,
          code: 'OVERLOADED',
          message: 'The gateway is at capacity; nothing was read. Retry in a second.',
          headers: { 'retry-after': '1' },
          subject,
        });
      }
      const limits = limitsFor(policies, caller);
      const key = caller.citizenSsin !== undefined ? `citizen:${caller.citizenSsin}` : caller.partnerId;
      if (inFlight.of(key) >= limits.concurrentRequests) {
        throw new HttpRefusal({
          status: 429,
          code: 'RATE_LIMITED',
          message: `At most ${limits.concurrentRequests} requests at once; wait for one to finish. Nothing was read.`,
          extensions: { reason: 'CONCURRENCY', max: limits.concurrentRequests },
          headers: { 'retry-after': '1' },
          subject,
        });
      }
      return { caller, limits, key, release: inFlight.take(key) };
    },

    check(admitted: Admitted, body: GraphQLRequestBody) {
      checkOperationLimits(access.apiSchema, body, admitted.limits);
    },

    async refused(refusal, admitted, details) {
      if (!admitted) {
        options.anonymous.count(refusal.code, typeof refusal.extensions.reason === 'string' ? refusal.extensions.reason : undefined);
        return;
      }
      await options.record(refusal, (admitted as Admitted | RefusedCaller).caller, details);
    },

    finished(admitted) {
      admitted.release();
    },
  };
}

/** An authentication or purpose refusal, as the HTTP layer answers it. */
function refusalOf(error: unknown, subject?: RefusedCaller): HttpRefusal {
  if (!(error instanceof GraphQLError)) throw error;
  const { code, http, ...extensions } = error.extensions as { code?: string; http?: { status?: number } } & Record<string, unknown>;
  return new HttpRefusal({
    status: http?.status ?? 400,
    code: (code ?? 'UNAUTHENTICATED') as HttpRefusal['code'],
    message: error.message,
    extensions,
    ...(code === 'UNAUTHENTICATED' ? { headers: { 'www-authenticate': 'Bearer' } } : {}),
    ...(subject ? { subject } : {}),
  });
}
