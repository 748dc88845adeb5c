import { errorCodes } from './errors.js';

/** The public list of error codes, generated from the registry so that it cannot drift. */
export function renderErrorCodesDoc(): string {
  const rows = Object.entries(errorCodes).map(([code, description]) => `| \`${code}\` | ${description} |`);
  return [
    '# Error codes',
    '',
    'Every error a partner receives carries one of these codes in `extensions.code`.',
    'Generated from `shared/src/errors.ts` by `npm run docs:errors`; a test fails when this file is stale.',
    '',
    '| code | meaning |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
