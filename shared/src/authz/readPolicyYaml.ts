import fs from 'node:fs';
import path from 'node:path';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { type PolicyProblem } from './PolicyLoadError.js';

export type YamlPath = readonly (string | number)[];

/** A parsed policy file that can still say on which line each value was written. */
export interface PolicyYaml {
  /** Relative to the loaded directory, as problems name it. */
  file: string;
  data: unknown;
  /** Line (1-based) of the node at `path`, or of its key `key`; the nearest existing ancestor when absent. */
  lineAt(path: YamlPath, key?: string): number;
}

/** Reads and parses one YAML file; on a syntax error adds the problems and returns undefined. */
export function readPolicyYaml(dir: string, file: string, problems: PolicyProblem[]): PolicyYaml | undefined {
  let source: string;
  try {
    source = fs.readFileSync(path.join(dir, file), 'utf8');
  } catch {
    problems.push({ file, line: 1, message: `cannot read ${file}: the file is missing or unreadable` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  // Duplicate keys are errors (uniqueKeys is on by default): a second `Person:` would silently replace the first.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file, line: lineCounter.linePos(error.pos[0]).line, message: `YAML syntax: ${error.message.split('\n')[0]}` });
    }
    return undefined;
  }
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  return {
    file,
    data: doc.toJS(),
    lineAt(yamlPath, key) {
      const node = deepestNode(doc, yamlPath);
      if (key !== undefined && isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
        if (pair && isNode(pair.key)) return lineOf(pair.key.range?.[0]);
      }
      return lineOf(isNode(node) ? node.range?.[0] : undefined);
    },
  };
}

/** The node at `yamlPath`, or the deepest ancestor that exists (a missing property is reported at its parent). */
function deepestNode(doc: Document, yamlPath: YamlPath): unknown {
  for (let length = yamlPath.length; length > 0; length--) {
    const node = doc.getIn(yamlPath.slice(0, length), true);
    if (isNode(node)) return node;
  }
  return doc.contents;
}
