import { describe, expect, it } from 'vitest';
import type { Purpose } from '../authz/model.js';
import { checkPurpose } from './checkPurpose.js';
import { refusal } from './__fixtures__/refusal.js';

const purposes = new Map<string, Purpose>([
  ['UNEMPLOYMENT_BENEFIT', { code: 'UNEMPLOYMENT_BENEFIT', description: 'Paying unemployment benefits' }],
]);
const where =
  'Use the purpose code of the authorization this request relies on; the codes are listed in the published policy set (authz-policies/purposes.yaml).';

describe('checkPurpose', () => {
  it('returns the code of a known purpose', () => {
    expect(checkPurpose('UNEMPLOYMENT_BENEFIT', purposes)).toBe('UNEMPLOYMENT_BENEFIT');
  });

  it('refuses a request without X-Purpose', async () => {
    expect(await refusal(() => checkPurpose(undefined, purposes))).toEqual({
      message: `No purpose: send the X-Purpose header with the purpose of this request. ${where}`,
      extensions: { code: 'PURPOSE_REQUIRED', http: { status: 400 } },
    });
  });

  it('refuses a blank X-Purpose as missing', async () => {
    expect((await refusal(() => checkPurpose('  ', purposes))).extensions).toEqual({ code: 'PURPOSE_REQUIRED', http: { status: 400 } });
  });

  it('refuses an unknown purpose, naming it', async () => {
    expect(await refusal(() => checkPurpose('CURIOSITY', purposes))).toEqual({
      message: `"CURIOSITY" is not a known purpose code. ${where}`,
      extensions: { code: 'UNKNOWN_PURPOSE', http: { status: 400 } },
    });
  });

  it('refuses an unknown purpose without echoing input that is not code-like', async () => {
    expect(await refusal(() => checkPurpose('<script>alert(1)</script>', purposes))).toEqual({
      message: `The X-Purpose header is not a known purpose code. ${where}`,
      extensions: { code: 'UNKNOWN_PURPOSE', http: { status: 400 } },
    });
  });
});
