/**
 * Security layers that a benchmark may switch off, one at a time, to measure
 * what each costs. Only in CROSSROADS_ENV=benchmark: anywhere else, asking to
 * switch a layer off stops the process at start, so a stray variable can never
 * open a production system.
 *
 * - `preventive-check`: the gateway skips its check of the operation against the
 *   authorizations (it still authenticates the partner and the purpose);
 * - `shield`: the subgraphs do not apply their graphql-shield rules;
 * - `sealing`: the gateway signs no token and the subgraphs verify none; the
 *   request's claims travel in a plain `x-crossroads-claims` header instead, so
 *   that the other layers still know who asks (and a peer gateway can send a
 *   static header);
 * - `audit`: nothing is recorded in the audit trail;
 * - `followed-scope`: authorizations of scope `followed` are applied as if their
 *   scope were `all`: neither the gateway nor the sources ask the reference
 *   directory.
 */
export const securityLayers = ['preventive-check', 'shield', 'sealing', 'audit', 'followed-scope'] as const;
export type SecurityLayer = (typeof securityLayers)[number];

export const CLAIMS_HEADER = 'x-crossroads-claims';

export function disabledSecurityLayers(env: NodeJS.ProcessEnv = process.env): ReadonlySet<SecurityLayer> {
  const requested = (env.CROSSROADS_BENCH_DISABLE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (requested.length === 0) return new Set();
  if (env.CROSSROADS_ENV !== 'benchmark') {
    throw new Error('CROSSROADS_BENCH_DISABLE switches security layers off and is honoured only with CROSSROADS_ENV=benchmark.');
  }
  for (const layer of requested) {
    if (!(securityLayers as readonly string[]).includes(layer)) {
      throw new Error(`CROSSROADS_BENCH_DISABLE: unknown layer "${layer}"; the layers are ${securityLayers.join(', ')}.`);
    }
  }
  return new Set(requested as SecurityLayer[]);
}
