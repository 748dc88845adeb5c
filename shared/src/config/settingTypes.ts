import { z } from 'zod';
import type { JWK } from 'jose';
import { ed25519PrivateKey, ed25519PublicKey } from '../auth/ed25519Keys.js';

/**
 * The kinds of value an environment variable can hold: a zod schema from the
 * raw string (set and not empty) to the value, and the words that end the
 * refusal `NAME="value": expected …`.
 */
export interface SettingType<T> {
  schema: z.ZodType<T, string>;
  expected: string;
}

/** A whole number in a range, written as digits only: `5s`, `1e3`, `-1` and `2.5` are refused, not guessed at. */
export function wholeNumber(options: { min: number; max: number; unit?: string }): SettingType<number> {
  const { min, max, unit } = options;
  return {
    schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)),
    expected: `a whole number${unit ? ` of ${unit}` : ''} from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`,
  };
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T): SettingType<T[number]> {
  return { schema: z.enum(values), expected: `one of ${values.join(', ')}` };
}

/** A port to listen on; 0 picks a free one. */
export const port: SettingType<number> = wholeNumber({ min: 0, max: 65_535 });

/** An absolute http(s) URL, e.g. of a source's GraphQL endpoint. */
export const httpUrl: SettingType<string> = {
  schema: z.string().refine(isHttpUrl),
  expected: 'an http:// or https:// URL',
};

/** A MongoDB connection string (it may carry a password: such settings are marked secret). */
export const mongoUri: SettingType<string> = {
  schema: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/),
  expected: 'a MongoDB connection string (mongodb://… or mongodb+srv://…)',
};

export const text: SettingType<string> = { schema: z.string().min(1), expected: 'some text' };

/** A file system path, as given (relative paths are relative to the process's working directory). */
export const filePath: SettingType<string> = {
  schema: z
    .string()
    .min(1)
    .refine((s) => !s.includes('\0')),
  expected: 'a path',
};

/** A comma-separated list of some of `values`. */
export function listOf<const T extends readonly [string, ...string[]]>(values: T): SettingType<T[number][]> {
  return {
    schema: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(values))),
    expected: `a comma-separated list of ${values.join(', ')}`,
  };
}

/** An Ed25519 private key as a JWK in JSON: checked here, so a broken key stops the start and not the first request. */
export const privateEd25519Jwk: SettingType<JWK> = {
  schema: jsonChecked((value) => {
    if (!isObject(value)) throw new Error('it is not a JSON object');
    ed25519PrivateKey(value as JWK, 'it');
    return value as JWK;
  }),
  expected: 'a private Ed25519 JWK in JSON',
};

export const publicEd25519Jwk: SettingType<JWK> = {
  schema: jsonChecked((value) => {
    if (!isObject(value)) throw new Error('it is not a JSON object');
    ed25519PublicKey(value as JWK, 'it');
    return value as JWK;
  }),
  expected: 'a public Ed25519 JWK in JSON',
};

export const publicEd25519Jwks: SettingType<JWK[]> = {
  schema: jsonChecked((value) => {
    if (!Array.isArray(value) || value.length === 0) throw new Error('it is not a non-empty JSON array');
    value.forEach((jwk, i) => ed25519PublicKey(jwk as JWK, `key ${i + 1}`));
    return value as JWK[];
  }),
  expected: 'a non-empty JSON array of public Ed25519 JWKs',
};

/**
 * JSON read and checked by `check`, whose error message (an issue marked
 * `explains`, which readSettings appends to the refusal) (never quoting the
 * value: it may be a private key) becomes the detail of the refusal.
 */
function jsonChecked<T>(check: (value: unknown) => T): z.ZodType<T, string> {
  return z.string().transform((raw, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      // JSON.parse's own message quotes the input.
      ctx.addIssue({ code: 'custom', message: 'it is not valid JSON', params: { explains: true } });
      return z.NEVER;
    }
    try {
      return check(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, params: { explains: true } });
      return z.NEVER;
    }
  });
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
