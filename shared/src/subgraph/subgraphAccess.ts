import { readApiSchema } from '../authz/apiSchemaFromSupergraph.js';
import { createGatewayTokenVerifier, type GatewayTokenVerifier } from '../auth/createGatewayTokenVerifier.js';
import { gatewayPublicKeyFromEnv } from '../auth/gatewayKeys.js';
import { createPolicyStore, reloadOnSighup, type PolicyStore } from '../access/policyStore.js';
import type { Logger } from '../logger.js';
import { disabledSecurityLayers, type SecurityLayer } from '../access/securityLayers.js';
import { crossroadsEnv } from '../config/crossroadsEnv.js';
import { setting } from '../config/readSettings.js';

/** What a sealed subgraph needs to decide who may call it and what they may read. */
export interface SubgraphAccess {
  verifier: GatewayTokenVerifier;
  policies: PolicyStore;
  /** Development mode: introspection on, schema details in validation errors. */
  development: boolean;
  /** Layers a benchmark switched off (CROSSROADS_ENV=benchmark only); none otherwise. */
  disabled?: ReadonlySet<SecurityLayer>;
}

/** True when CROSSROADS_ENV=development: never the default, so a forgotten setting errs on the closed side. */
export function isDevelopment(env: NodeJS.ProcessEnv = process.env): boolean {
  return crossroadsEnv(env) === 'development';
}

/**
 * Access configuration from the environment: the gateway's public key
 * (GATEWAY_PUBLIC_KEY; outside development never a development key), and the
 * committee's policies from AUTHZ_POLICY_DIR (default authz-policies/),
 * checked against the composed supergraph.
 */
export function subgraphAccessFromEnv(subgraph: string, logger: Logger, env: NodeJS.ProcessEnv = process.env): SubgraphAccess {
  const publicJwk = gatewayPublicKeyFromEnv(env);
  const policies = createPolicyStore({ dir: setting('AUTHZ_POLICY_DIR', env), schema: readApiSchema(), logger });
  reloadOnSighup(policies);
  return {
    verifier: createGatewayTokenVerifier({ publicJwk, subgraph }),
    policies,
    development: isDevelopment(env),
    disabled: disabledSecurityLayers(env),
  };
}
