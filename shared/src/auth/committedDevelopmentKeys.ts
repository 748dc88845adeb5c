/**
 * The thumbprints (RFC 7638) of the development keys committed in dev-keys/,
 * whose public halves are authz-policies/keys/. Kept in code as well as read
 * from those files at start, so that a deployment built without dev-keys/ or
 * the key files still recognises them. `developmentKeys.test.ts` fails when
 * this list and the files differ; it prints the list to paste here.
 */
export const COMMITTED_DEVELOPMENT_KEYS: readonly { thumbprint: string; source: string }[] = [
  { thumbprint: 'CSxbOu21eQ2hcjRsG306tnYaUV2ZVQsCzxW3JtdVjRo', source: 'dev-keys/capac.private.jwk.json' },
  { thumbprint: '1J4zf-ZfhHM-TC_i6VzM7MO8tIbE61L6ObniGiKJ94k', source: 'dev-keys/citizen-idp.private.jwk.json' },
  { thumbprint: 'fhbDdbhQldH4_wRt8O4bj4VCIFDHnyvKh8MhASQoaKA', source: 'dev-keys/famiwal.private.jwk.json' },
  { thumbprint: 'Rt_7bQKXpip35SSh00q6zHdRJXtPZsDtiodJwwCsHTk', source: 'dev-keys/forem.private.jwk.json' },
  { thumbprint: 'jtJ_DGEM2U0n71-2UdiMT2-rWHtjE3e1PHORi8fH7Yw', source: 'dev-keys/inspection.private.jwk.json' },
  { thumbprint: 'mVv0S4knWyW5_iVit5_Y1lmnaQgna9eKn4cwKhSo5ag', source: 'dev-keys/security-officer.private.jwk.json' },
  { thumbprint: '28DNvMDpd7sLMHC-3V3iNq87KPqNyBvghrwcxqsleCk', source: 'dev-keys/sfpd.private.jwk.json' },
];
