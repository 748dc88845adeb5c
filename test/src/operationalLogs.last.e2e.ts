import fs from 'node:fs';
import { AUDIT_DATABASE, parseSsin, verifyAuditLog } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { describe, expect, inject, it } from 'vitest';
import { referencePersons } from './helpers/referencePersons.js';

const { serviceLog } = inject('stack');

/**
 * Runs after every other end-to-end suite (see the sequencer in
 * vitest.config.ts), over everything the gateway and the sources printed
 * meanwhile: the audit store is the only place an SSIN may be written.
 */
describe('the operational logs of an end-to-end run', () => {
  const readLines = () => fs.readFileSync(serviceLog, 'utf8').split('\n').filter(Boolean);

  it('were written (the run did produce logs)', () => {
    const lines = readLines();
    // Every source logged calls, so the checks below read real traffic.
    for (const source of ['persons', 'employment', 'unemployment']) {
      expect(lines.some((line) => line.startsWith(`${source} | `) && line.includes('"call served"'))).toBe(true);
    }
  });

  it('contain no SSIN', () => {
    const leaks = readLines().filter((line) => {
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
    expect(readLines().filter((line) => /"variables"|"representations"/.test(line))).toEqual([]);
  });
});

describe('the audit trail of an end-to-end run', () => {
  it('verifies: every writer’s chain is whole, and every checkpoint is signed by the run’s key', async () => {
    const { mongoUri, auditPublicKeys } = inject('stack');
    const client = await new MongoClient(mongoUri).connect();
    try {
      const report = await verifyAuditLog({ db: client.db(AUDIT_DATABASE), publicKeys: auditPublicKeys });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      // The gateway and the three sources of the shared stack, at least.
      expect(report.chains.length).toBeGreaterThanOrEqual(4);
    } finally {
      await client.close();
    }
  });
});
