/**
 * The names the gateway and the subgraphs agree on in tokens. Audiences are
 * URNs rather than URLs so that a token stays bound to a role (the gateway, one
 * subgraph) whatever host or port the role runs on.
 */

/** `aud` of partner tokens, and `iss` of the tokens the gateway signs for subgraphs. */
export const GATEWAY_AUDIENCE = 'urn:crossroads:gateway';
export const GATEWAY_ISSUER = GATEWAY_AUDIENCE;

/**
 * `typ` header of gateway-signed tokens (explicit typing, RFC 8725 §3.11), so a
 * token minted for one use can never be taken for the other.
 */
export const GATEWAY_TOKEN_TYPE = 'crossroads-gateway+jwt';

/** `aud` of a gateway token for one subgraph, e.g. `urn:crossroads:subgraph:persons`. */
export function subgraphAudience(subgraph: string): string {
  return `urn:crossroads:subgraph:${subgraph}`;
}
