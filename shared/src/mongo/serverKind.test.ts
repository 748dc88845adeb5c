import { describe, expect, it } from 'vitest';
import { readsBatchWithIn, serverKindOf } from './serverKind.js';

describe('serverKindOf', () => {
  it('is MongoDB when buildInfo names no FerretDB version', () => {
    expect(serverKindOf({ version: '7.0.14' })).toBe('mongodb');
  });

  it('is our patched FerretDB from patch level 1', () => {
    expect(serverKindOf({ version: '7.0.42', ferretdbVersion: 'v1.24.2+crossroads.1' })).toBe('ferretdb-in-pushdown');
    expect(serverKindOf({ ferretdbVersion: 'v1.24.2+crossroads.12' })).toBe('ferretdb-in-pushdown');
  });

  it('is a stock FerretDB otherwise, which gets point reads', () => {
    for (const ferretdbVersion of ['v1.24.2', 'v1.24.2+crossroads.0', 'v1.24.2+crossroads.1-dirty', 42]) {
      const kind = serverKindOf({ ferretdbVersion });
      expect(kind).toBe('ferretdb');
      expect(readsBatchWithIn(kind)).toBe(false);
    }
  });
});
