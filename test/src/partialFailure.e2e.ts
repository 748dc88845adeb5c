import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStack, type RunningStack } from '@crossroads/stack';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';

const { mongoUri, auditKeys } = inject('stack');

// A stack of its own over the shared database, since this suite stops a source.
let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack({ mongoUri, auditKeys, sink: () => {}, env: { SUBGRAPH_TIMEOUT_MS: '2000' } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('a source that is down', () => {
  it('leaves the other sources’ data in the answer and names the missing source, without hosts or ports', async () => {
    await stack.services.employment.stop();
    const { status, body } = await graphqlRequest(
      stack.gatewayUrl,
      'query($ssin: SSIN!) { person(ssin: $ssin) { ssin name { lastName } employments { startDate } unemploymentPayments(from: "2024-01-01", to: "2024-03-31") { month } } }',
      { ssin: referencePersons.unemployedBetweenJobs },
      await capacBenefit(),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        person: {
          ssin: referencePersons.unemployedBetweenJobs,
          name: { lastName: expect.any(String) },
          employments: null,
          unemploymentPayments: [{ month: '2024-01' }, { month: '2024-02' }, { month: '2024-03' }],
        },
      },
      errors: [
        {
          message: 'The employment source is unavailable; its fields are null.',
          extensions: { code: 'SOURCE_UNAVAILABLE', source: 'employment' },
        },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\b/);
  });

  it('serves the full answer again once the source is back', async () => {
    await stack.restart('employment');
    const { body } = await graphqlRequest(
      stack.gatewayUrl,
      'query($ssin: SSIN!) { person(ssin: $ssin) { employments { startDate } } }',
      { ssin: referencePersons.unemployedBetweenJobs },
      await capacBenefit(),
    );
    expect(body.errors).toBeUndefined();
    expect((body.data!.person as { employments: unknown[] }).employments).toHaveLength(2);
  });
});
