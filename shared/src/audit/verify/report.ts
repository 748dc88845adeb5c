/**
 * What verification found. Kinds are told apart as documented in docs/audit.md
 * ("What each problem means"); `seq` and `recordId` point at the first place
 * where the stored chain stops being the chain that was written.
 */
export type ProblemKind =
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'checkpoint-signature'
  | 'checkpoint-mismatch'
  | 'truncated'
  /** A request record lists the receipt of a release that is not stored (and was not archived). */
  | 'release-missing'
  /** A request record lists the receipt of a release that is stored with another hash, chain or seq. */
  | 'release-mismatch';

export interface Problem {
  chain: string;
  /** The position of the first bad record; for `deleted` and `truncated`, the first missing one; for `release-*`, the receipt's. */
  seq: number;
  /**
   * The stored record to look at: the bad record itself, or for `deleted` the record right after
   * the hole (whose `prev` names a missing record); for `release-*`, the request record that lists the
   * receipt; null when there is none (`truncated`).
   */
  recordId: string | null;
  kind: ProblemKind;
  detail: string;
}

/**
 * How a chain ends:
 * - `closed`: a closing checkpoint names its last record — its writer shut down cleanly;
 * - `continued`: its writer went on in another chain (`continuedIn`) after a write whose outcome it could not learn;
 * - `open`: every record is under a checkpoint, none closing — the writer is running, or stopped after its last checkpoint;
 * - `pending`: records after its newest checkpoint, younger than the checkpoint interval — the writer is running
 *   and will sign them;
 * - `stopped`: records after its newest checkpoint, older than the checkpoint interval — the writer stopped
 *   without a closing checkpoint (a crash), or what it wrote after them was cut;
 * - `archived`: no record is left, as archival leaves a chain removed whole.
 */
export type ChainEnd = 'closed' | 'continued' | 'open' | 'pending' | 'stopped' | 'archived';

export interface ChainReport {
  chain: string;
  /** Records stored for the chain. */
  records: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Checkpoints stored for the chain, valid or not. */
  checkpoints: number;
  /** Checkpoints of the chain read from the witness, valid or not (the same checkpoint may be stored too). */
  witnessed: number;
  /** Set when the chain starts after seq 0 at a verified archival cut: records up to here were archived. */
  archivedThrough: number | null;
  end: ChainEnd;
  /** The chain its writer went on in, when it did (`<chain>/<n>`). */
  continuedIn: string | null;
  /** Records after the chain's newest valid checkpoint (stored or witnessed): nothing signed vouches for them yet. */
  unsigned: number;
  /** When its newest valid checkpoint was signed. */
  newestCheckpointAt: string | null;
  /** The newest `at` among its stored records. */
  lastRecordAt: string | null;
  /** Every checkpoint whose signature fails, and the chain's first bad record; in seq order. */
  problems: Problem[];
}

/** A release record that no request record lists: not tampering as such, but to be explained. */
export interface UnmatchedRelease {
  id: string;
  chain: string;
  seq: number;
  at: string;
  /**
   * - `gateway-stopped`: the gateway has no record of the request, and a gateway chain whose last record or
   *   checkpoint is within a minute of the release ended without a closing checkpoint, or went on in another
   *   chain (a crash, or a failed write);
   * - `request-not-recorded`: the gateway has no record of the request, and no gateway chain stopped then: its
   *   write failed, or its record was removed;
   * - `not-listed`: the gateway recorded the request, but neither the release's receipt nor its call as not delivered.
   */
  reason: 'gateway-stopped' | 'request-not-recorded' | 'not-listed';
}

export interface CrossCheckReport {
  /** Request records that list their releases' receipts (those written before receipts existed do not). */
  requests: number;
  /** Receipts checked against the stored releases. */
  receipts: number;
  /** Receipts whose release was archived since (the chain was cut past it): not checkable, not a problem. */
  archived: number;
  /** Releases the partner did not receive: the gateway gave up on the call, or the request was not answered. */
  notDelivered: number;
  /** Releases without a request record whose time is past retention: their request record may have been archived. */
  pastRetention: number;
  /** Releases without a request record made in the last minute: their requests may still be being answered. */
  inFlight: number;
  /** Every release no request record accounts for, oldest first. */
  unmatched: UnmatchedRelease[];
}

export interface AuditLogReport {
  ok: boolean;
  chains: ChainReport[];
  /** All chains' problems, chain by chain, then those of the cross-check of requests and releases. */
  problems: Problem[];
  /** Records no valid checkpoint covers yet, over all chains. */
  unsigned: number;
  crossCheck: CrossCheckReport;
  /** What was read from the witness; null when no witness was given. */
  witness: { files: string[]; checkpoints: number; unreadable: string[] } | null;
}
