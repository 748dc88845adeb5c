import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLSchema } from 'graphql';
import { supergraphFile } from './policyPaths.js';

/**
 * The API schema of a composed supergraph: what partners see and query, without
 * the join__/link__ machinery or anything @inaccessible. Grants are checked
 * against this schema, not the raw supergraph, so that no policy can name a
 * type a partner cannot reach.
 */
export function apiSchemaFromSupergraph(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The API schema of `gateway/supergraph.graphql` (composed by `npm run build`). */
export function readApiSchema(file: string = supergraphFile): GraphQLSchema {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` to compose the supergraph.`);
  return apiSchemaFromSupergraph(fs.readFileSync(file, 'utf8'));
}
