import { describe, expect, it } from 'vitest';
import { checkPageSize } from './pageSize.js';

describe('checkPageSize', () => {
  it('takes 1 to 1,000, and 100 when first is null', () => {
    expect(checkPageSize(1)).toBe(1);
    expect(checkPageSize(1000)).toBe(1000);
    expect(checkPageSize(null)).toBe(100);
  });

  it.each([0, -1, 1001])('refuses %i with PAGE_SIZE_OUT_OF_RANGE, quoting it', (first) => {
    expect(() => checkPageSize(first)).toThrow(
      expect.objectContaining({
        message: `\`first\` must be from 1 to 1,000; got ${first}.`,
        extensions: { code: 'PAGE_SIZE_OUT_OF_RANGE', http: { status: 400 } },
      }),
    );
  });
});
