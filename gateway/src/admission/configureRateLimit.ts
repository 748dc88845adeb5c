import rateLimit from '@fastify/rate-limit';
import { HttpRefusal } from '@crossroads/shared';
import type { FastifyInstance } from 'fastify';
import type { Admitted } from './createCallerAdmission.js';

/**
 * Each caller's requests per minute (RequestLimits.requestsPerMinute, per
 * partner in partners.yaml), counted by @fastify/rate-limit in this process
 * over a fixed window. It runs after admission has identified the caller and
 * before the body is read; a refusal is RATE_LIMITED with `Retry-After`.
 */
export async function configureRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preParsing',
    timeWindow: 60_000,
    keyGenerator: (request) => (request.admitted as Admitted).key,
    max: (request) => (request.admitted as Admitted).limits.requestsPerMinute,
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      new HttpRefusal({
        status: 429,
        code: 'RATE_LIMITED',
        message: `At most ${context.max} requests a minute; retry in ${context.after}. Nothing was read.`,
        extensions: { reason: 'RATE', max: context.max },
      }),
  });
}
