import { describe, expect, it } from 'vitest';
import { recordedBy, walkUntil } from './snapshot.js';

describe('a walk through the pages', () => {
  it('lists the trail as of its first page: now, then the instant its cursors carry', () => {
    expect(walkUntil(null, new Date('2026-11-29T10:00:00.000Z'))).toBe('2026-11-29T10:00:00.000Z');
    const position = { at: '2026-11-29T09:00:00.000Z', requestId: 'r1', until: '2026-11-29T10:00:00.000Z' };
    expect(walkUntil(position, new Date('2026-11-29T11:00:00.000Z'))).toBe('2026-11-29T10:00:00.000Z');
  });

  it('leaves out what was recorded after that instant, such as the walk’s own reads', () => {
    const items = [
      { requestId: 'before', at: '2026-11-29T09:59:59.999Z' },
      { requestId: 'at', at: '2026-11-29T10:00:00.000Z' },
      { requestId: 'after', at: '2026-11-29T10:00:00.001Z' },
    ];
    expect(recordedBy(items, '2026-11-29T10:00:00.000Z').map((i) => i.requestId)).toEqual(['before', 'at']);
  });
});
