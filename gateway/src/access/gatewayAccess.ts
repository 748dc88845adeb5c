import {
  GATEWAY_AUDIENCE,
  createCitizenAuthenticator,
  createGatewaySigner,
  createPartnerAuthenticator,
  createPolicyStore,
  disabledSecurityLayers,
  gatewaySigningKeyFromEnv,
  isDevelopment,
  policyDir,
  readApiSchema,
  readCitizenLogin,
  reloadOnSighup,
  type CitizenAuthenticator,
  type GatewaySigner,
  type Logger,
  type PartnerAuthenticator,
  type PartnerTokenCacheOptions,
  type PolicySet,
  type PolicyStore,
  type KeyTrust,
  type SecurityLayer,
  keyTrustFromEnv,
  readSettings,
  wholeNumberFromEnv,
} from '@crossroads/shared';
import type { GraphQLSchema } from 'graphql';

/** Everything the gateway needs to decide who is asking, what they may read, and to vouch for them to the sources. */
export interface GatewayAccess {
  policies: PolicyStore;
  /**
   * The partner authenticator for a policy set (its partners, keys and cache of
   * verified tokens); rebuilt, with an empty cache, when the set is reloaded.
   */
  authenticatorFor(set: PolicySet): PartnerAuthenticator;
  /**
   * Citizens' tokens, from the identity provider in
   * authz-policies/identity-providers/citizens.yaml; null when the policy
   * directory has none (then no citizen can log in). Read once at start: the
   * provider rotates its keys behind its JWKS URL, which jose re-fetches.
   */
  citizens: CitizenAuthenticator | null;
  signer: GatewaySigner;
  /** The API schema partners query, which the preventive check walks. */
  apiSchema: GraphQLSchema;
  /** CROSSROADS_ENV=development: introspection allowed, schema details in errors. */
  development: boolean;
  /** Layers a benchmark switched off (CROSSROADS_ENV=benchmark only). */
  disabled: ReadonlySet<SecurityLayer>;
}

export interface GatewayAccessOptions {
  policyDir?: string;
  signingKey: Parameters<typeof createGatewaySigner>[0]['privateJwk'];
  logger: Logger;
  development?: boolean;
  disabled?: ReadonlySet<SecurityLayer>;
  /** Audience partners' tokens must name; default urn:crossroads:gateway. */
  audience?: string;
  /** How long and how many verified partner tokens are re-used (decision 0013); defaults in createPartnerAuthenticator. */
  partnerTokenCache?: PartnerTokenCacheOptions;
  /**
   * Where the partners' and the citizens' provider's key files are read, which
   * keys are refused, how JWKS URLs are fetched (keyTrustFromEnv); absent: as
   * in development (files from the policy directory, nothing refused).
   */
  keyTrust?: KeyTrust;
}

export function createGatewayAccess(options: GatewayAccessOptions): GatewayAccess {
  const apiSchema = readApiSchema();
  const dir = options.policyDir ?? policyDir;
  const authenticators = new WeakMap<PolicySet, PartnerAuthenticator>();
  const audience = options.audience ?? GATEWAY_AUDIENCE;
  const keyTrust = options.keyTrust;
  const authenticatorFor = (set: PolicySet): PartnerAuthenticator => {
    let authenticator = authenticators.get(set);
    if (!authenticator) {
      authenticator = createPartnerAuthenticator({
        partners: set.partners,
        policyDir: dir,
        audience,
        ...(keyTrust ? { keyTrust } : {}),
        ...(options.partnerTokenCache ? { tokenCache: options.partnerTokenCache } : {}),
      });
      authenticators.set(set, authenticator);
    }
    return authenticator;
  };
  // The partners' keys are read with the set, at start and on every reload: a
  // missing key file or a development key refuses the set (the start stops, or
  // the set in force stays) instead of refusing that partner's every request.
  const policies = createPolicyStore({
    dir,
    schema: apiSchema,
    logger: options.logger,
    prepare: (set) => void authenticatorFor(set),
    ...(keyTrust?.jwksDir ? { versionDirs: [dir, keyTrust.jwksDir] } : {}),
  });
  const citizenLogin = readCitizenLogin(dir);
  return {
    policies,
    authenticatorFor,
    citizens: citizenLogin
      ? createCitizenAuthenticator({ login: citizenLogin, policyDir: dir, audience, ...(keyTrust ? { keyTrust } : {}) })
      : null,
    signer: createGatewaySigner({ privateJwk: options.signingKey }),
    apiSchema,
    development: options.development ?? false,
    disabled: options.disabled ?? new Set(),
  };
}

/**
 * From the environment: GATEWAY_SIGNING_KEY, AUTHZ_POLICY_DIR, CROSSROADS_ENV,
 * JWKS_DIR and the JWKS_* bounds, PARTNER_TOKEN_CACHE_TTL_MS,
 * PARTNER_TOKEN_CACHE_MAX. Outside development, refuses development keys and
 * key files read from the repository. Reloads policies on SIGHUP.
 */
export function gatewayAccessFromEnv(logger: Logger, env: NodeJS.ProcessEnv = process.env): GatewayAccess {
  const { AUTHZ_POLICY_DIR } = readSettings(['AUTHZ_POLICY_DIR'], env);
  const access = createGatewayAccess({
    policyDir: AUTHZ_POLICY_DIR,
    signingKey: gatewaySigningKeyFromEnv(env),
    logger,
    development: isDevelopment(env),
    disabled: disabledSecurityLayers(env),
    partnerTokenCache: partnerTokenCacheOptionsFromEnv(env),
    // Every token of that issuer is refused until its published keys are fixed: say so at error level.
    keyTrust: keyTrustFromEnv(env, (message) =>
      logger.error({ problem: message }, "JWKS refused; that issuer's tokens are refused until it is fixed"),
    ),
  });
  reloadOnSighup(access.policies);
  return access;
}

/** PARTNER_TOKEN_CACHE_TTL_MS and PARTNER_TOKEN_CACHE_MAX, each a whole number ≥ 0 (0 turns the cache off); unset keeps the default. */
export function partnerTokenCacheOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PartnerTokenCacheOptions {
  const read = (name: string) => wholeNumberFromEnv(env, name);
  const maxAgeMs = read('PARTNER_TOKEN_CACHE_TTL_MS');
  const maxEntries = read('PARTNER_TOKEN_CACHE_MAX');
  return { ...(maxAgeMs !== undefined ? { maxAgeMs } : {}), ...(maxEntries !== undefined ? { maxEntries } : {}) };
}
