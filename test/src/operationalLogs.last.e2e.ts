import fs from 'node:fs';
import { parseSsin } from '@crossroads/shared';
import { describe, expect, inject, it } from 'vitest';
import { referencePersons } from './helpers/referencePersons.js';

const { serviceLog } = inject('stack');

/**
 * Runs after every other end-to-end suite (see the sequencer in
 * vitest.config.ts), over everything the gateway and the sources printed
 * meanwhile: the audit store is the only place an SSIN may be written.
 */
describe('the operational logs of an end-to-end run', () => {
  const lines = fs.readFileSync(serviceLog, 'utf8').split('\n').filter(Boolean);

  it('were written (the run did produce logs)', () => {
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.some((line) => line.includes('"call served"'))).toBe(true);
  });

  it('contain no SSIN', () => {
    const leaks = lines.filter((line) => {
      if (Object.values(referencePersons).some((ssin) => line.includes(ssin))) return true;
      // Any run of 11 digits (alone, or formatted) that is a valid SSIN.
      const candidates = line.match(/(?<!\d)\d{2}[.]?\d{2}[.]?\d{2}[-. ]?\d{3}[.]?\d{2}(?!\d)/g) ?? [];
      return candidates.some((candidate) => {
        try {
          parseSsin(candidate);
          return true;
        } catch {
          return false;
        }
      });
    });
    expect(leaks).toEqual([]);
  });

  it('contain no request variables', () => {
    expect(lines.filter((line) => /"variables"|"representations"/.test(line))).toEqual([]);
  });
});
