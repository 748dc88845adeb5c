import { GraphQLError } from 'graphql';
import { expect } from 'vitest';

/**
 * The error a call must throw, reduced to what a caller sees (message and
 * extensions), so a test can assert it whole. `secret` (a token) must appear
 * nowhere in it.
 */
export async function refusal(attempt: () => Promise<unknown> | unknown, secret?: string) {
  let thrown: unknown;
  try {
    await attempt();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected the call to throw').toBeInstanceOf(GraphQLError);
  const { message, extensions } = thrown as GraphQLError;
  if (secret) expect(JSON.stringify({ message, extensions })).not.toContain(secret);
  return { message, extensions };
}

export function unauthenticatedError(reason: string, message: string) {
  return { message, extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } } };
}
