import fs from 'node:fs';
import { expect, it } from 'vitest';
import { renderErrorCodesDoc } from './errorCodesDoc.js';

it('docs/error-codes.md is generated from the registry and current', () => {
  const onDisk = fs.readFileSync(new URL('../../docs/error-codes.md', import.meta.url), 'utf8');
  expect(onDisk).toBe(renderErrorCodesDoc());
});
