/**
 * What verification found. Kinds are told apart as documented in docs/audit.md
 * ("What each problem means"); `seq` and `recordId` point at the first place
 * where the stored chain stops being the chain that was written.
 */
export type ProblemKind = 'modified' | 'deleted' | 'inserted' | 'reordered' | 'checkpoint-signature' | 'checkpoint-mismatch' | 'truncated';

export interface Problem {
  chain: string;
  /** The position of the first bad record; for `deleted` and `truncated`, the first missing one. */
  seq: number;
  /**
   * The stored record to look at: the bad record itself, or for `deleted` the record right after
   * the hole (whose `prev` names a missing record); null when there is none (`truncated`).
   */
  recordId: string | null;
  kind: ProblemKind;
  detail: string;
}

export interface ChainReport {
  chain: string;
  /** Records stored for the chain. */
  records: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Checkpoints stored for the chain, valid or not. */
  checkpoints: number;
  /** Set when the chain starts after seq 0 at a verified archival cut: records up to here were archived. */
  archivedThrough: number | null;
  /** Every checkpoint whose signature fails, and the chain's first bad record; in seq order. */
  problems: Problem[];
}

export interface AuditLogReport {
  ok: boolean;
  chains: ChainReport[];
  /** All chains' problems, chain by chain. */
  problems: Problem[];
}
