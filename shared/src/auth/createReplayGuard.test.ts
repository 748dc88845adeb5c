import { describe, expect, it } from 'vitest';
import { createReplayGuard } from './createReplayGuard.js';

describe('createReplayGuard', () => {
  it('accepts a token id once, then reports it replayed', () => {
    const guard = createReplayGuard({ maxEntries: 10, now: () => 100 });
    expect(guard.check('a', 130)).toBe('first-use');
    expect(guard.check('a', 130)).toBe('replayed');
  });

  it('forgets a token id once its token can no longer be accepted', () => {
    let t = 100;
    const guard = createReplayGuard({ maxEntries: 10, now: () => t });
    guard.check('a', 130);
    guard.check('b', 160);
    t = 131;
    guard.check('c', 170);
    expect(guard.size).toBe(2); // a pruned; b and c kept
  });

  it('makes room by pruning expired ids out of order when the bound is reached', () => {
    let t = 100;
    const guard = createReplayGuard({ maxEntries: 2, now: () => t });
    guard.check('long', 200);
    guard.check('short', 110);
    t = 120; // "short" expired behind a live "long": only the full scan finds it
    expect(guard.check('next', 150)).toBe('first-use');
    expect(guard.size).toBe(2);
  });

  it('fails closed when every remembered id is still live', () => {
    const guard = createReplayGuard({ maxEntries: 2, now: () => 100 });
    guard.check('a', 130);
    guard.check('b', 130);
    expect(guard.check('c', 130)).toBe('full');
  });
});
