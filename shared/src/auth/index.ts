// Authentication: partners to the gateway (their own signed JWTs), citizens to
// the gateway (their identity provider's JWTs), and the gateway to the
// subgraphs (tokens it signs per call).
export { GATEWAY_AUDIENCE, GATEWAY_ISSUER, GATEWAY_TOKEN_TYPE, subgraphAudience } from './audiences.js';
export { unauthenticated, type AuthFailureReason } from './unauthenticated.js';
export {
  createPartnerAuthenticator,
  DEFAULT_PARTNER_TOKEN_CACHE_MAX_AGE_MS,
  DEFAULT_PARTNER_TOKEN_CACHE_MAX_ENTRIES,
  MAX_PARTNER_TOKEN_LIFETIME_SECONDS,
  PARTNER_TOKEN_ALGORITHMS,
  type AuthenticatedPartner,
  type PartnerAuthenticator,
  type PartnerAuthenticatorOptions,
  type PartnerTokenCacheOptions,
} from './createPartnerAuthenticator.js';
export { checkPurpose, PURPOSE_HEADER } from './checkPurpose.js';
export {
  createCitizenAuthenticator,
  CITIZEN_TOKEN_ALGORITHMS,
  MAX_CITIZEN_TOKEN_LIFETIME_SECONDS,
  type AuthenticatedCitizen,
  type CitizenAuthenticator,
  type CitizenAuthenticatorOptions,
} from './createCitizenAuthenticator.js';
export { readCitizenLogin, CITIZEN_LOGIN_FILE, type CitizenLogin } from './readCitizenLogin.js';
export { unverifiedIssuer } from './unverifiedIssuer.js';
export { isConsistentCitizenClaim } from './citizenClaim.js';
export { loadKeySet, type KeySetSource, type LoadKeySetOptions } from './loadKeySet.js';
export { DEFAULT_REMOTE_KEY_SET_BOUNDS, MAX_JWKS_BYTES, MAX_JWKS_KEYS, type KeyTrust, type RemoteKeySetBounds } from './keyTrust.js';
export { keyTrustFromEnv, developmentKeys, refuseDevelopmentKeysOutsideDevelopment } from './keyTrustFromEnv.js';
export {
  readDevelopmentKeys,
  findDevelopmentKey,
  refuseDevelopmentKeys,
  DevelopmentKeyError,
  DEVELOPMENT_AUDIT_KEYS_FILE,
  type DevelopmentKeys,
} from './developmentKeys.js';
export { jwkThumbprint } from './jwkThumbprint.js';
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
export { mintCitizenToken, type CitizenTokenRequest } from './mintCitizenToken.js';
export { DEV_PARTNER_IDS, DEV_CITIZEN_IDP_KEY, DEV_KEY_IDS, DEV_KEYS_DIR, PARTNERS_FILE, readDevPrivateKey } from './devKeys.js';
