import fs from 'node:fs';
import path from 'node:path';
import { type GraphQLSchema } from 'graphql';
import { type PolicySet } from '../model.js';
import { buildRegister, type Register } from './buildRegister.js';
import { readDataNames } from './dataNames.js';
import { fieldSources } from './fieldSources.js';
import { LANGUAGES } from './labels.js';
import { renderPages, rootPage } from './renderPages.js';

export interface WriteRegisterInput {
  /** The policy directory the set was loaded from (for the names and the capacities). */
  dir: string;
  set: PolicySet;
  schema: GraphQLSchema;
  /** The composed supergraph's SDL: which source serves each field. */
  supergraphSdl: string;
  /** Where to write; emptied first. */
  out: string;
  /** YYYY-MM-DD: the day the statuses are computed for. */
  today: string;
}

/**
 * Writes the static register: `index.html` (the languages), `nl/`, `fr/`,
 * `en/` (the pages), `index.json` (the whole register) and
 * `authorizations/<ISC-yy-nnn>.json` (one per authorization). Nothing in it
 * needs a server: it can be opened from disk or published as it is.
 */
export function writeRegister(input: WriteRegisterInput): Register {
  const register = buildRegister({
    set: input.set,
    schema: input.schema,
    sources: fieldSources(input.supergraphSdl),
    names: readDataNames(input.dir),
    today: input.today,
  });
  // Emptied, not merged: an authorization removed from the set must not linger in the published register.
  // Only a directory that holds a register (or nothing): `--out .` must never empty a checkout.
  if (fs.existsSync(input.out) && fs.readdirSync(input.out).length > 0 && !fs.existsSync(path.join(input.out, 'index.json'))) {
    throw new Error(`${input.out} is not empty and holds no register (no index.json): choose an empty or new directory`);
  }
  fs.rmSync(input.out, { recursive: true, force: true });
  fs.mkdirSync(path.join(input.out, 'authorizations'), { recursive: true });
  fs.writeFileSync(path.join(input.out, 'index.html'), rootPage());
  fs.writeFileSync(path.join(input.out, 'index.json'), `${JSON.stringify(register, null, 2)}\n`);
  for (const a of register.authorizations) {
    fs.writeFileSync(
      path.join(input.out, 'authorizations', `${a.slug}.json`),
      `${JSON.stringify({ generatedOn: register.generatedOn, ...a }, null, 2)}\n`,
    );
  }
  for (const lang of LANGUAGES) {
    fs.mkdirSync(path.join(input.out, lang), { recursive: true });
    for (const [file, html] of renderPages(register, lang)) fs.writeFileSync(path.join(input.out, lang, file), html);
  }
  return register;
}
