import { composeServices } from '@apollo/composition';
import { sdl as employmentSdl } from '@crossroads/subgraph-employment/typeDefs';
import { sdl as personsSdl } from '@crossroads/subgraph-persons/typeDefs';
import { sdl as unemploymentSdl } from '@crossroads/subgraph-unemployment/typeDefs';
import { sdl as authorizationsSdl } from '@crossroads/subgraph-authorizations/typeDefs';
import { sdl as auditSdl } from '@crossroads/subgraph-audit/typeDefs';
import { sdl as directorySdl } from '@crossroads/subgraph-directory/typeDefs';
import { parse } from 'graphql';

/**
 * The subgraphs, with the URL each listens on by default. The URLs written into
 * the supergraph are only defaults: the gateway takes the real ones from its
 * configuration (PERSONS_URL, …), so one composed file serves every deployment.
 */
export const subgraphs = [
  { name: 'persons', url: 'http://127.0.0.1:4001/graphql', sdl: personsSdl },
  { name: 'employment', url: 'http://127.0.0.1:4002/graphql', sdl: employmentSdl },
  { name: 'unemployment', url: 'http://127.0.0.1:4003/graphql', sdl: unemploymentSdl },
  { name: 'authorizations', url: 'http://127.0.0.1:4004/graphql', sdl: authorizationsSdl },
  { name: 'audit', url: 'http://127.0.0.1:4005/graphql', sdl: auditSdl },
  { name: 'directory', url: 'http://127.0.0.1:4006/graphql', sdl: directorySdl },
] as const;

export type SubgraphName = (typeof subgraphs)[number]['name'];

/** Composes the supergraph from the subgraphs' SDL; throws with every composition error listed. */
export function composeSupergraph(): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
