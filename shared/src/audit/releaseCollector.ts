import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareFunction } from 'graphql-middleware';

/** What one subgraph call released: the persons whose fields it resolved, and which fields. */
export interface Release {
  ssins: Set<string>;
  fields: Set<string>;
}

export interface ReleaseContext {
  release?: Release;
}

/**
 * A graphql-middleware that notes every field resolved with a value, and the
 * SSIN of every Person one of whose fields (other than its key) was resolved.
 * Applied inside graphql-shield, so a refused field is never noted as released.
 */
export function releaseCollector(keyFields: ReadonlySet<string>): IMiddlewareFunction<unknown, ReleaseContext> {
  return async (resolve, parent, args, context: ReleaseContext, info: GraphQLResolveInfo) => {
    const result = await resolve(parent, args, context, info);
    const release = context.release;
    if (release && result !== null && result !== undefined) {
      const coordinate = `${info.parentType.name}.${info.fieldName}`;
      // Keys are what the gateway reads to join sources, not data it passes on; plumbing is not data.
      if (keyFields.has(coordinate) || info.fieldName.startsWith('_')) return result;
      release.fields.add(coordinate);
      if (info.parentType.name === 'Person') {
        const ssin = (parent as { ssin?: string; _id?: string }).ssin ?? (parent as { _id?: string })._id;
        if (typeof ssin === 'string') release.ssins.add(ssin);
      }
    }
    return result;
  };
}
