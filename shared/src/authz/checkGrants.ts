import { getNullableType, isObjectType, isScalarType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { dateArgumentsOf } from './dateArgumentsOf.js';
import { didYouMean } from './didYouMean.js';
import { type DateArgumentBound, type FieldGrant } from './model.js';
import { type PolicyProblem } from './PolicyLoadError.js';
import { type PolicyYaml } from './readPolicyYaml.js';

/** A grant as written in YAML (already checked against authorization.schema.json). */
export type RawFieldGrant = string | { field: string; arguments?: Record<string, DateArgumentBound>; history?: 'whole' };

/**
 * Federation and introspection machinery: `_entities` would let a caller fetch
 * any entity by key behind every other check, so no policy may name it, even
 * when validating against the raw supergraph where these types exist.
 */
function isMachinery(name: string): boolean {
  return /^(__|join__|link__)/.test(name) || ['_Service', '_Entity', '_Any', '_entities', '_service'].includes(name);
}

/**
 * Checks that every granted type and field exists in the schema partners see,
 * that only Date arguments are bounded, and that a field with Date arguments
 * says how far back it reaches: a bound on each, or the whole history. A grant
 * naming something that does not exist is an error, not a no-op: it is almost
 * always a typo that would leave the partner without data the committee meant
 * to give, or a leftover of a field that was renamed.
 */
export function checkGrants(
  yaml: PolicyYaml,
  rawGrants: Record<string, RawFieldGrant[]>,
  schema: GraphQLSchema,
  problems: PolicyProblem[],
): Record<string, FieldGrant[]> {
  const grants: Record<string, FieldGrant[]> = {};
  const report = (line: number, message: string): void => void problems.push({ file: yaml.file, line, message });
  const objectTypeNames = Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !isMachinery(t.name))
    .map((t) => t.name);

  for (const [typeName, rawFields] of Object.entries(rawGrants)) {
    const typeLine = yaml.lineAt(['grants'], typeName);
    const type = schema.getType(typeName);
    if (isMachinery(typeName)) {
      report(typeLine, `${typeName} is a federation or introspection type and cannot be granted`);
      continue;
    }
    if (!type) {
      report(typeLine, `unknown type ${typeName}${didYouMean(typeName, objectTypeNames)}`);
      continue;
    }
    if (!isObjectType(type)) {
      report(typeLine, `${typeName} is not an object type; only the fields of object types are granted`);
      continue;
    }
    const fields = type.getFields();
    const seen = new Map<string, number>();
    grants[typeName] = [];
    rawFields.forEach((raw, index) => {
      const grant: FieldGrant =
        typeof raw === 'string'
          ? { field: raw }
          : { field: raw.field, ...(raw.arguments && { arguments: raw.arguments }), ...(raw.history && { history: raw.history }) };
      const line = yaml.lineAt(['grants', typeName, index]);
      const coordinate = `${typeName}.${grant.field}`;
      const field = fields[grant.field];
      if (isMachinery(grant.field)) return report(line, `${coordinate} is federation or introspection machinery and cannot be granted`);
      if (!field) return report(line, `${typeName} has no field ${grant.field}${didYouMean(grant.field, Object.keys(fields))}`);
      // A second entry could hide a widening in review (one bounded, one not), so it is refused.
      const firstLine = seen.get(grant.field);
      if (firstLine !== undefined) return report(line, `${coordinate} is granted twice (first on line ${firstLine})`);
      seen.set(grant.field, line);
      for (const argumentName of Object.keys(grant.arguments ?? {})) {
        checkBoundArgument(field, coordinate, argumentName, yaml.lineAt(['grants', typeName, index, 'arguments'], argumentName), report);
      }
      // A write's Date arguments say what it records (a registration's period), not how far back a read reaches.
      if (typeName !== schema.getMutationType()?.name) checkHistoryStated(field, coordinate, grant, line, report);
      grants[typeName]!.push(grant);
    });
  }
  return grants;
}

function checkBoundArgument(
  field: GraphQLField<unknown, unknown>,
  coordinate: string,
  argumentName: string,
  line: number,
  report: (line: number, message: string) => void,
): void {
  const argument = field.args.find((a) => a.name === argumentName);
  if (!argument) {
    const names = field.args.map((a) => a.name);
    const known = names.length > 0 ? `; it has ${names.join(', ')}` : '; it has none';
    return report(line, `${coordinate} has no argument ${argumentName}${didYouMean(argumentName, names)}${known}`);
  }
  const type = getNullableType(argument.type);
  if (!isScalarType(type) || type.name !== 'Date') {
    report(line, `${coordinate}(${argumentName}) is of type ${String(argument.type)}; only Date arguments can be bounded`);
  }
}

/**
 * A field with Date arguments reaches as far back as they let it: granted by
 * name alone, one request with a day per alias (or per variable) reads its
 * whole history, whatever the committee meant. So the grant must bound every
 * Date argument, or say `history: whole` in so many words, visible in review.
 */
function checkHistoryStated(
  field: GraphQLField<unknown, unknown>,
  coordinate: string,
  grant: FieldGrant,
  line: number,
  report: (line: number, message: string) => void,
): void {
  const dated = dateArgumentsOf(field);
  if (grant.history === 'whole') {
    if (grant.arguments) report(line, `${coordinate} is granted with bounds and with its whole history; keep one of them`);
    else if (dated.length === 0) report(line, `${coordinate} has no Date argument, so no history to grant whole; grant it by name`);
    return;
  }
  const unbounded = dated.filter((name) => !grant.arguments?.[name]);
  if (unbounded.length === 0) return;
  const example = `arguments: { ${unbounded.map((name) => `${name}: { notBeforeMonthsAgo: N }`).join(', ')} }`;
  report(
    line,
    `${coordinate}(${unbounded.join(', ')}) ${unbounded.length === 1 ? 'is a Date argument' : 'are Date arguments'} without a bound: ` +
      `granted so, the field reaches its whole history one day at a time; bound ${unbounded.length === 1 ? 'it' : 'each'} (${example}) or grant the whole history (history: whole)`,
  );
}
