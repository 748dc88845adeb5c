import { describe, expect, it } from 'vitest';
import { periodsMinus } from './periodsMinus.js';

describe('periodsMinus: the days of one period that another lacks', () => {
  it('a later end adds the days after the old end; an open end adds every day after it', () => {
    expect(periodsMinus({ from: '2024-01-01', until: '2025-06-30' }, { from: '2024-01-01', until: '2024-12-31' })).toEqual([
      { from: '2025-01-01', until: '2025-06-30' },
    ]);
    expect(periodsMinus({ from: '2024-01-01', until: null }, { from: '2024-01-01', until: '2024-02-29' })).toEqual([
      { from: '2024-03-01', until: null },
    ]);
  });

  it('an earlier start adds the days before the old start', () => {
    expect(periodsMinus({ from: '2023-12-01', until: null }, { from: '2024-03-05', until: null })).toEqual([
      { from: '2023-12-01', until: '2024-03-04' },
    ]);
  });

  it('a shorter period adds nothing, and what it lost is the other way round', () => {
    const longer = { from: '2024-01-01', until: null };
    const shorter = { from: '2024-06-01', until: '2024-12-31' };
    expect(periodsMinus(shorter, longer)).toEqual([]);
    expect(periodsMinus(longer, shorter)).toEqual([
      { from: '2024-01-01', until: '2024-05-31' },
      { from: '2025-01-01', until: null },
    ]);
  });

  it('periods that do not meet: the whole of the first', () => {
    expect(periodsMinus({ from: '2026-01-01', until: '2026-12-31' }, { from: '2024-01-01', until: '2024-12-31' })).toEqual([
      { from: '2026-01-01', until: '2026-12-31' },
    ]);
    expect(periodsMinus({ from: '2022-01-01', until: '2022-12-31' }, { from: '2024-01-01', until: null })).toEqual([
      { from: '2022-01-01', until: '2022-12-31' },
    ]);
  });
});
