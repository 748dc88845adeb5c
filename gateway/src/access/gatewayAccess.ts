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
  type SecurityLayer,
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
}

export function createGatewayAccess(options: GatewayAccessOptions): GatewayAccess {
  const apiSchema = readApiSchema();
  const dir = options.policyDir ?? policyDir;
  const policies = createPolicyStore({ dir, schema: apiSchema, logger: options.logger });
  const authenticators = new WeakMap<PolicySet, PartnerAuthenticator>();
  const audience = options.audience ?? GATEWAY_AUDIENCE;
  const citizenLogin = readCitizenLogin(dir);
  return {
    policies,
    authenticatorFor(set) {
      let authenticator = authenticators.get(set);
      if (!authenticator) {
        authenticator = createPartnerAuthenticator({
          partners: set.partners,
          policyDir: dir,
          audience,
          ...(options.partnerTokenCache ? { tokenCache: options.partnerTokenCache } : {}),
        });
        authenticators.set(set, authenticator);
      }
      return authenticator;
    },
    citizens: citizenLogin ? createCitizenAuthenticator({ login: citizenLogin, policyDir: dir, audience }) : null,
    signer: createGatewaySigner({ privateJwk: options.signingKey }),
    apiSchema,
    development: options.development ?? false,
    disabled: options.disabled ?? new Set(),
  };
}

/**
 * From the environment: GATEWAY_SIGNING_KEY, AUTHZ_POLICY_DIR, CROSSROADS_ENV,
 * PARTNER_TOKEN_CACHE_TTL_MS, PARTNER_TOKEN_CACHE_MAX. Reloads policies on SIGHUP.
 */
export function gatewayAccessFromEnv(logger: Logger, env: NodeJS.ProcessEnv = process.env): GatewayAccess {
  const access = createGatewayAccess({
    ...(env.AUTHZ_POLICY_DIR ? { policyDir: env.AUTHZ_POLICY_DIR } : {}),
    signingKey: gatewaySigningKeyFromEnv(env),
    logger,
    development: isDevelopment(env),
    disabled: disabledSecurityLayers(env),
    partnerTokenCache: partnerTokenCacheOptionsFromEnv(env),
  });
  reloadOnSighup(access.policies);
  // Partner key files are read when the authenticator is built; build it now so a missing key stops the start.
  access.authenticatorFor(access.policies.current());
  return access;
}

/** PARTNER_TOKEN_CACHE_TTL_MS and PARTNER_TOKEN_CACHE_MAX, each a whole number ≥ 0 (0 turns the cache off); unset keeps the default. */
export function partnerTokenCacheOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PartnerTokenCacheOptions {
  const read = (name: string) => wholeNumberFromEnv(env, name);
  const maxAgeMs = read('PARTNER_TOKEN_CACHE_TTL_MS');
  const maxEntries = read('PARTNER_TOKEN_CACHE_MAX');
  return { ...(maxAgeMs !== undefined ? { maxAgeMs } : {}), ...(maxEntries !== undefined ? { maxEntries } : {}) };
}
