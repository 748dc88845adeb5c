import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/** Which authentic sources (subgraphs) serve each type and field of a composed supergraph. */
export interface FieldSources {
  /** `Type.field` → the subgraphs that resolve it, e.g. `Person.address` → [persons]. */
  fields: Map<string, string[]>;
  /** Type → the subgraphs that define it. */
  types: Map<string, string[]>;
}

/**
 * Reads the `@join__type` and `@join__field` directives of the supergraph: the
 * register groups the data by the source that holds it (the National Register,
 * the employers' declarations, …), which is how a person thinks of "their data".
 * A field without `@join__field` is resolved by every subgraph of its type
 * (a key such as `Person.ssin`).
 */
export function fieldSources(supergraphSdl: string): FieldSources {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = stringArgument(
        value.directives?.find((d) => d.name.value === 'join__graph'),
        'name',
      );
      if (name) graphNames.set(value.name.value, name);
    }
  }
  const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, directive: string): string[] =>
    (directives ?? [])
      .filter((d) => d.name.value === directive)
      .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
      .map((v) => (v?.kind === Kind.ENUM ? (graphNames.get(v.value) ?? v.value.toLowerCase()) : undefined))
      .filter((g): g is string => g !== undefined);

  const fields = new Map<string, string[]>();
  const types = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeName = definition.name.value;
    const typeGraphs = [...new Set(graphsOf(definition.directives, 'join__type'))].sort();
    types.set(typeName, typeGraphs);
    for (const field of definition.fields ?? []) {
      const own = [...new Set(graphsOf(field.directives, 'join__field'))].sort();
      fields.set(`${typeName}.${field.name.value}`, own.length > 0 ? own : typeGraphs);
    }
  }
  return { fields, types };
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}
