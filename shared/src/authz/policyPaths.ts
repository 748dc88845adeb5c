import { fileURLToPath } from 'node:url';

/**
 * Where the monorepo keeps what the policy tools read. `shared` cannot import the
 * gateway package (the gateway depends on shared), so the composed supergraph is
 * found by path, as the gateway itself finds it.
 */
/** The committee's policy files. The JSON Schemas are always read from here, even when another directory is loaded: a set cannot loosen its own rules. */
export const policyDir = fileURLToPath(new URL('../../../authz-policies/', import.meta.url));

export const supergraphFile = fileURLToPath(new URL('../../../gateway/supergraph.graphql', import.meta.url));
