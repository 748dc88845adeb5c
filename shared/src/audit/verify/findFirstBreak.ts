import type { Checkpoint } from '../records.js';
import type { ChainEntry, ChainIndex } from './chainIndex.js';
import type { Problem, ProblemKind } from './report.js';
import { isBefore } from './retention.js';

export interface ChainWalk {
  /** The chain's first bad record, if any. */
  problem?: Problem;
  /** The seq of the checkpoint a verified archival cut starts after. */
  archivedThrough: number | null;
}

const short = (hash: string | null): string => (hash === null ? 'null' : `${hash.slice(0, 12)}…`);
const missing = (from: number, to: number): string =>
  from === to ? `the record at seq ${from} is missing` : `records ${from}–${to} are missing`;

/**
 * Walks one chain from its first record and classifies the first place where
 * the stored records stop being the chain that was written. Everything after a
 * break is left alone: once one record is wrong, what follows it would only
 * repeat the same story. `valid` holds the checkpoints whose signature holds.
 *
 * The rules, in the order they are tried, are those of docs/audit.md.
 */
export function findFirstBreak(
  chain: string,
  index: ChainIndex,
  valid: ReadonlyMap<number, readonly Checkpoint[]>,
  retentionCutoff?: Date,
): ChainWalk {
  let archivedThrough: number | null = null;
  const found = (seq: number, entry: ChainEntry | undefined, kind: ProblemKind, detail: string): ChainWalk => ({
    problem: { chain, seq, recordId: entry?.id ?? null, kind, detail },
    archivedThrough,
  });
  const checkpointsAt = (seq: number): readonly Checkpoint[] => valid.get(seq) ?? [];
  const hashesAt = (seq: number): string[] => checkpointsAt(seq).map((c) => c.hash);
  // A cut is only legitimate once what it removed was past retention when it was signed.
  const oldEnough = (cp: Checkpoint): boolean => !retentionCutoff || isBefore(cp.at, retentionCutoff);
  const validSeqs = [...valid.keys()].sort((a, b) => a - b);
  const newest = validSeqs.at(-1);
  // Where an unexplained hole at the start begins: just after the newest checkpoint an archival cut could have used.
  const holeStart = (before: number): number => {
    let start = 0;
    for (const seq of validSeqs) if (seq < before && checkpointsAt(seq).some(oldEnough)) start = seq + 1;
    return start;
  };
  const misplaced = (): ChainWalk => {
    const e = index.misplaced[0];
    if (!e) return { archivedThrough };
    return found(Number.isFinite(e.seq) ? e.seq : -1, e, 'inserted', `its seq (${String(e.seq)}) is not a position in a chain`);
  };

  const seqs = index.seqs();
  if (seqs.length === 0) {
    // Archived whole, or emptied: the newest checkpoint says records up to it existed.
    if (newest === undefined || checkpointsAt(newest).some(oldEnough)) {
      archivedThrough = newest ?? null;
      return misplaced();
    }
    const from = holeStart(newest);
    return found(
      from,
      undefined,
      'truncated',
      `no record is stored, but the checkpoint at seq ${newest} (signed ${checkpointsAt(newest)[0]!.at}, within the retention period) vouches for records up to seq ${newest}`,
    );
  }

  const first = seqs[0]!;
  const last = seqs.at(-1)!;
  let prevHash: string | null = null;
  if (first > 0) {
    const firstEntries = index.at(first);
    const anchors = checkpointsAt(first - 1);
    const anchor = anchors.find((cp) => firstEntries.some((e) => e.prev === cp.hash));
    if (anchor && oldEnough(anchor)) {
      prevHash = anchor.hash;
      archivedThrough = first - 1;
    } else {
      // Not first - 1: the checkpoint there, if any, does not explain the cut.
      const from = holeStart(first - 1);
      // Moved rather than removed? The record written at first - 1 has the hash the first record names;
      // the one written at `from` names null or the checkpoint before it.
      const moved =
        (index.byHash.get(firstEntries[0]!.prev ?? '') ?? []).find((e) => index.writtenAt(e) === first - 1) ??
        index.movedFrom(from, from === 0 ? null : checkpointsAt(from - 1).find(oldEnough)?.hash) ??
        index.movedFrom(first - 1);
      if (moved) {
        const at = index.writtenAt(moved)!;
        return found(at, moved, 'reordered', `record ${moved.id} was written at seq ${at} and now stands at seq ${moved.seq}`);
      }
      const why = anchor
        ? `the checkpoint at seq ${first - 1} that would vouch for an archival cut was signed ${anchor.at}, within the retention period`
        : anchors.length > 0
          ? `the checkpoint at seq ${first - 1} names hash ${short(anchors[0]!.hash)}, not the ${short(firstEntries[0]!.prev)} the first record names`
          : `no valid checkpoint at seq ${first - 1} vouches for an archival cut`;
      return found(
        from,
        firstEntries[0],
        'deleted',
        `${missing(from, first - 1)} before the first stored record (seq ${first}), and ${why}`,
      );
    }
  }

  // Positions before `s` all held exactly one record (a second one is reported at once).
  const acceptedAt = (seq: number): ChainEntry | undefined => (seq >= first ? index.at(seq)[0] : undefined);
  let lastVouched = archivedThrough;

  for (let s = first; s <= last; s++) {
    const here = index.at(s);

    if (here.length === 0) {
      const moved = index.movedFrom(s, prevHash);
      if (moved) return found(s, moved, 'reordered', `record ${moved.id} was written at seq ${s} and now stands at seq ${moved.seq}`);
      const next = seqs[s - first]!;
      const afterHole = index.at(next);
      const skipper = afterHole.find((e) => e.selfOk && e.prev === prevHash);
      if (skipper)
        return found(
          next,
          skipper,
          'inserted',
          `it names the record at seq ${s - 1} as its predecessor but stands at seq ${next}: a writer never skips a seq`,
        );
      const elsewhere = (index.byPrev.get(prevHash) ?? []).find((e) => e.selfOk && e.seq > next);
      if (elsewhere)
        return found(
          s,
          elsewhere,
          'reordered',
          `record ${elsewhere.id} names the record at seq ${s - 1} as its predecessor but stands at seq ${elsewhere.seq}`,
        );
      return found(
        s,
        afterHole[0],
        'deleted',
        `${missing(s, next - 1)}: record ${afterHole[0]!.id} at seq ${next} names a predecessor that is not stored`,
      );
    }

    for (const e of here) {
      if (e.selfOk) continue;
      const at = index.writtenAt(e);
      if (at === undefined) {
        if (here.length === 1) return found(s, e, 'modified', 'its content does not match its hash');
        continue; // several records stand here: told apart below
      }
      if (at < s) {
        const displaced = acceptedAt(at);
        if (displaced && displaced !== e && displaced.prev === e.prev)
          return found(
            at,
            displaced,
            'inserted',
            `it and record ${e.id} (written at seq ${at}, now at seq ${s}) name the same predecessor: the records from seq ${at} on were renumbered to make room for it`,
          );
      }
      if (at > s && !index.movedFrom(s, prevHash) && (e.prev === null || !index.byHash.has(e.prev)))
        return found(
          s,
          e,
          'deleted',
          `record ${e.id}, written at seq ${at}, was renumbered to seq ${s} and the record it names as predecessor is not stored: records were removed and the following ones renumbered down`,
        );
      return found(s, e, 'reordered', `record ${e.id} was written at seq ${at} and now stands at seq ${s}`);
    }

    if (here.length > 1) {
      const hashes = hashesAt(s);
      const score = (e: ChainEntry): number => Number(e.selfOk) + Number(e.prev === prevHash) + Number(index.continues(e, hashes));
      const ranked = [...here].sort((a, b) => score(a) - score(b) || (a.id < b.id ? -1 : 1));
      const fitting = ranked.filter((e) => score(e) === 3);
      const which =
        fitting.length === 1
          ? `only ${fitting[0]!.id} links to both neighbours`
          : 'which one the writer wrote cannot be told from the links';
      return found(s, ranked[0], 'inserted', `${here.length} records stand at seq ${s}; ${which}`);
    }

    const r = here[0]!;
    if (r.prev !== prevHash) {
      const claimant = (index.byPrev.get(prevHash) ?? []).find((e) => e !== r && e.selfOk && e.seq > s);
      if (claimant)
        return found(
          s,
          r,
          'reordered',
          `record ${claimant.id}, which names the record at seq ${s - 1} as its predecessor, stands at seq ${claimant.seq}; this one names another`,
        );
      const named = r.prev === null ? undefined : index.byHash.get(r.prev)?.[0];
      if (named) {
        const u = named.seq;
        const sibling = u < s - 1 ? acceptedAt(u + 1) : undefined;
        if (sibling && sibling.prev === r.prev) {
          // Two records follow the same one: the one the chain does not go on from was added.
          const siblingGoesOn = index.continues(sibling, hashesAt(u + 1));
          const rGoesOn = index.continues(r, hashesAt(s)) || s === last;
          const detail = `records ${sibling.id} (seq ${u + 1}) and ${r.id} (seq ${s}) both name the record at seq ${u} as their predecessor`;
          return siblingGoesOn && !rGoesOn ? found(s, r, 'inserted', detail) : found(u + 1, sibling, 'inserted', detail);
        }
        return found(s, r, 'reordered', `it names the record at seq ${u} as its predecessor but stands at seq ${s}`);
      }
      if (!index.continues(r, hashesAt(s))) {
        // Its own hash changed too. Either its prev was changed and its hash recomputed, the records
        // after it untouched; or records before it were removed and the following ones renumbered and
        // rehashed. The next checkpoint still matches its record only in the first case; without one,
        // only the last record of a chain is left to tell apart below.
        const nextCheckpoint = validSeqs.find((seq) => seq > s);
        const restIntact = nextCheckpoint !== undefined && index.at(nextCheckpoint).some((e) => hashesAt(nextCheckpoint).includes(e.hash));
        if (restIntact)
          return found(s, r, 'modified', `it names a predecessor that is not stored: its prev was changed and its hash recomputed`);
        if (nextCheckpoint !== undefined || s !== last)
          return found(
            s,
            r,
            'deleted',
            `it names a predecessor that is not stored and no record names it in turn: records were removed before it and the following ones renumbered and rehashed`,
          );
      }
      const before = acceptedAt(s - 1);
      if (!before) return found(s, r, 'modified', `it is the first record of the chain, yet names a predecessor (${short(r.prev)})`);
      // The chain goes on from it: the record before was changed and its hash recomputed, unless a checkpoint vouches for it.
      if (hashesAt(s - 1).length > 0)
        return found(
          s,
          r,
          'modified',
          `it names a predecessor that is not stored while a checkpoint vouches for the record at seq ${s - 1}`,
        );
      return found(
        s - 1,
        before,
        'modified',
        `the next record (${r.id}) names ${short(r.prev)} as its hash: its content was changed and its hash recomputed`,
      );
    }

    const mismatch = checkpointsAt(s).find((cp) => cp.hash !== r.hash);
    if (mismatch)
      return found(
        s,
        r,
        'checkpoint-mismatch',
        `the checkpoint signed ${mismatch.at} names hash ${short(mismatch.hash)}, the stored record ${short(r.hash)}: records ` +
          `${lastVouched === null ? 'from the start of the chain' : `after seq ${lastVouched}`} up to this one were rewritten with recomputed hashes`,
      );
    if (checkpointsAt(s).length > 0) lastVouched = s;
    prevHash = r.hash;
  }

  if (newest !== undefined && newest > last)
    return found(
      last + 1,
      undefined,
      'truncated',
      `the checkpoint at seq ${newest} (signed ${checkpointsAt(newest)[0]!.at}) vouches for records up to seq ${newest}, but the chain ends at seq ${last}`,
    );
  // A writer appends nothing after the checkpoint it signs when it shuts down.
  const closing = validSeqs.find((seq) => checkpointsAt(seq).some((cp) => cp.closing === true));
  if (closing !== undefined && closing < last)
    return found(
      closing + 1,
      index.at(closing + 1)[0],
      'inserted',
      `it stands after the chain's closing checkpoint (seq ${closing}): a writer appends nothing once it has closed its chain`,
    );
  return misplaced();
}
