import { describe, expect, it } from 'vitest';
import { AUDIT_RECEIPT_EXTENSION, takeAuditReceipt } from './receiptExtension.js';

const receipt = { id: 'release:r1:persons', chain: 'persons:1', seq: 3, hash: 'a'.repeat(64) };

describe('takeAuditReceipt', () => {
  it('takes the receipt out of the response, leaving nothing behind', () => {
    const response: { data: unknown; extensions?: Record<string, unknown> } = {
      data: {},
      extensions: { [AUDIT_RECEIPT_EXTENSION]: receipt },
    };
    expect(takeAuditReceipt(response, 'release:r1:persons')).toEqual(receipt);
    expect(response).toEqual({ data: {} });
  });

  it('drops, and ignores, a receipt for another request, source or call, or a malformed one', () => {
    for (const value of [receipt, { ...receipt, hash: 'x' }, { ...receipt, seq: 'three' }, null]) {
      const response = { extensions: { [AUDIT_RECEIPT_EXTENSION]: value, other: 1 } as Record<string, unknown> };
      expect(takeAuditReceipt(response, value === receipt ? 'release:r1:persons:2' : 'release:r1:persons')).toBeUndefined();
      expect(response.extensions).toEqual({ other: 1 });
    }
  });
});
