import { describe, expect, it } from 'vitest';
import { generateAuditKeyPair } from '../checkpoints/auditKeys.js';
import { createCheckpointSigner } from '../checkpoints/createCheckpointSigner.js';
import type { AuditRecord } from '../records.js';
import { buildChain, checkpointsAt, rehash } from './__fixtures__/auditChains.js';
import type { ProblemKind } from './report.js';
import { verifyChain } from './verifyChain.js';

// Whatever is done to the records of a chain whose last record is checkpointed,
// verification reports it, and never throws. The checkpoints are all within
// retention, so that no cut is an archival one. A seeded generator keeps it repeatable.
const keys = generateAuditKeyPair();
const signer = createCheckpointSigner({ privateJwk: keys.privateJwk });
const CHAIN = 'gateway:p';
const written = buildChain(CHAIN, 30);
const checkpoints = checkpointsAt(written, signer, [9, 19, 29]);
const retentionCutoff = new Date('2026-01-01T00:00:00Z');

function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state >>> 8) % n;
  };
}

type Tampering = (records: AuditRecord[], pick: (n: number) => number) => AuditRecord[];
const renumber = (records: AuditRecord[], from: number, by: number, again: boolean) =>
  records.map((r) => (r.seq >= from ? (again ? rehash({ ...r, seq: r.seq + by }) : { ...r, seq: r.seq + by }) : r));

const tamperings = {
  'change a field': (rs, pick) => {
    const k = pick(30);
    return rs.map((r) => (r.seq === k ? { ...r, purpose: 'X' } : r));
  },
  'change a field and rehash': (rs, pick) => {
    const k = pick(30);
    return rs.map((r) => (r.seq === k ? rehash({ ...r, purpose: 'X' }) : r));
  },
  'delete one': (rs, pick) => {
    const k = pick(30);
    return rs.filter((r) => r.seq !== k);
  },
  'delete one and renumber': (rs, pick) => {
    const k = pick(29);
    return renumber(
      rs.filter((r) => r.seq !== k),
      k + 1,
      -1,
      pick(2) === 1,
    );
  },
  'insert a forged record': (rs, pick) => {
    const k = 1 + pick(29);
    return [...rs, rehash({ ...rs[k]!, _id: 'request:forged', partnerId: 'x', prev: rs[k - 1]!.hash })];
  },
  'insert and renumber': (rs, pick) => {
    const k = 1 + pick(29);
    const forged = rehash({ ...rs[k]!, _id: 'request:forged', partnerId: 'x', prev: rs[k - 1]!.hash });
    return [...renumber(rs, k, 1, pick(2) === 1), forged];
  },
  'swap two': (rs, pick) => {
    const [i, j] = [pick(30), pick(30)];
    if (i === j) return rs.filter((r) => r.seq !== i);
    const again = pick(2) === 1;
    return rs.map((r) => (r.seq === i || r.seq === j ? (again ? rehash : (x: AuditRecord) => x)({ ...r, seq: r.seq === i ? j : i }) : r));
  },
  'move one': (rs, pick) => {
    const [i, j] = [pick(30), pick(40)];
    return rs.map((r) => (r.seq === i ? { ...r, seq: i === j ? j + 40 : j } : r));
  },
  'rewrite from one on': (rs, pick) => {
    const k = pick(30);
    const out = rs.slice(0, k);
    for (const r of rs.slice(k)) out.push(rehash({ ...r, purpose: 'X', prev: out.at(-1)?.hash ?? null }));
    return out;
  },
  'cut the end': (rs, pick) => rs.slice(0, pick(30)),
  'cut the start': (rs, pick) => rs.slice(1 + pick(29)),
} satisfies Record<string, Tampering>;

/** The kinds each tampering may be read as: a second one where the tampering can hit a checkpointed record, or the end. */
const expectedKinds: Record<keyof typeof tamperings, ProblemKind[]> = {
  'change a field': ['modified'],
  'change a field and rehash': ['modified', 'checkpoint-mismatch'],
  'delete one': ['deleted', 'truncated'],
  'delete one and renumber': ['deleted'],
  'insert a forged record': ['inserted'],
  'insert and renumber': ['inserted', 'checkpoint-mismatch'],
  'swap two': ['reordered', 'deleted'],
  'move one': ['reordered'],
  'rewrite from one on': ['checkpoint-mismatch'],
  'cut the end': ['truncated'],
  'cut the start': ['deleted'],
};

describe('any tampering is reported, as what it is', () => {
  for (const [name, tamper] of Object.entries(tamperings) as [keyof typeof tamperings, Tampering][]) {
    it(name, async () => {
      for (let seed = 1; seed <= 60; seed++) {
        const records = tamper(
          written.map((r) => ({ ...r })),
          random(seed),
        );
        const report = await verifyChain({ chain: CHAIN, records, checkpoints, keys: [keys.publicJwk], retentionCutoff });
        expect(report.problems, `${name}, seed ${seed}`).toHaveLength(1);
        expect(expectedKinds[name], `${name}, seed ${seed}: ${report.problems[0]!.detail}`).toContain(report.problems[0]!.kind);
      }
    });
  }
});
