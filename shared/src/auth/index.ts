// Authentication: partners to the gateway (their own signed JWTs), and the
// gateway to the subgraphs (tokens it signs per call).
export { GATEWAY_AUDIENCE, GATEWAY_ISSUER, GATEWAY_TOKEN_TYPE, subgraphAudience } from './audiences.js';
export { unauthenticated, type AuthFailureReason } from './unauthenticated.js';
export {
  createPartnerAuthenticator,
  MAX_PARTNER_TOKEN_LIFETIME_SECONDS,
  PARTNER_TOKEN_ALGORITHMS,
  type AuthenticatedPartner,
  type PartnerAuthenticator,
  type PartnerAuthenticatorOptions,
} from './createPartnerAuthenticator.js';
export { checkPurpose, PURPOSE_HEADER } from './checkPurpose.js';
export { createGatewaySigner, type GatewaySigner, type GatewaySignRequest, type GatewayTokenClaims } from './createGatewaySigner.js';
export { createGatewayTokenVerifier, type GatewayTokenVerifier, type GatewayTokenVerifierOptions } from './createGatewayTokenVerifier.js';
export {
  generateGatewayKeyPair,
  gatewayKeyPairToEnv,
  gatewaySigningKeyFromEnv,
  gatewayPublicKeyFromEnv,
  GATEWAY_SIGNING_KEY_ENV,
  GATEWAY_PUBLIC_KEY_ENV,
  type GatewayKeyPair,
} from './gatewayKeys.js';
export { mintPartnerToken, type PartnerTokenRequest } from './mintPartnerToken.js';
export { DEV_PARTNER_IDS, DEV_KEYS_DIR, PARTNERS_FILE, readDevPrivateKey } from './devKeys.js';
