import type { AuditReceipt, AuditRecord, UndeliveredCall } from '../records.js';
import type { ChainReport, CrossCheckReport, Problem, UnmatchedRelease } from './report.js';

interface ReleaseEntry {
  id: string;
  chain: string;
  seq: number;
  hash: string;
  at: string;
  requestId: string;
  source: string;
  call: number;
}

interface RequestEntry {
  id: string;
  chain: string;
  seq: number;
  at: string;
  answered: boolean;
  /** Absent on request records written before receipts existed: their releases are matched by request id only. */
  receipts?: AuditReceipt[];
  undelivered?: UndeliveredCall[];
}

interface ChainSpan {
  firstAt: string;
  lastAt: string;
  /** It holds the gateway's records of requests. */
  requests: boolean;
}

/**
 * Longest time between a source recording a release and the gateway recording the request it served, while
 * that gateway lives: the source's answer, the gateway's wait for its other sources, its own write. Beyond the
 * defaults (5 s each) with room to spare; it only sorts unmatched releases into explanations.
 */
const GATEWAY_LAG_MS = 60_000;
/** A release without its request this close to the retention cutoff may have lost its request record to archival. */
const DAY_MS = 86_400_000;

/**
 * The cross-check of the gateway's request records against the sources'
 * releases, over the whole trail: every receipt a request record lists must be
 * a stored release with that hash (so removing a release — the newest of a
 * chain included, which no checkpoint covers yet — or rewriting one with its
 * chain recomputed is found), and every release should be accounted for by its
 * request: listed, or its call given up on. A release that is not is not
 * tampering as such (the gateway may have died after the source answered), so
 * it is classified and listed, not counted as a problem.
 *
 * Fed every record as verify reads the chains (`note`), it keeps about 200
 * bytes per release and per request record that lists receipts.
 */
export class ReleaseLedger {
  private readonly releases = new Map<string, ReleaseEntry>();
  private readonly requests = new Map<string, RequestEntry>();
  private readonly spans = new Map<string, ChainSpan>();

  note(record: AuditRecord): void {
    if (typeof record.at !== 'string' || typeof record.chain !== 'string') return;
    const span = this.spans.get(record.chain);
    if (!span) this.spans.set(record.chain, { firstAt: record.at, lastAt: record.at, requests: record.kind === 'request' });
    else {
      if (record.at < span.firstAt) span.firstAt = record.at;
      if (record.at > span.lastAt) span.lastAt = record.at;
      if (record.kind === 'request') span.requests = true;
    }
    if (record.kind === 'release') {
      this.releases.set(String(record._id), {
        id: String(record._id),
        chain: record.chain,
        seq: record.seq,
        hash: String(record.hash),
        at: record.at,
        requestId: record.requestId,
        source: record.source,
        call: record.call ?? 1,
      });
    } else if (record.kind === 'request') {
      this.requests.set(record.requestId, {
        id: String(record._id),
        chain: record.chain,
        seq: record.seq,
        at: record.at,
        answered: record.outcome === 'answered',
        ...(Array.isArray(record.receipts) ? { receipts: record.receipts } : {}),
        ...(Array.isArray(record.undelivered) ? { undelivered: record.undelivered } : {}),
      });
    }
  }

  /**
   * The problems (receipts whose release is missing or different) and the report. `chains` are verify's
   * reports, for archival cuts and how the gateway chains ended; `retentionCutoff` as verify's.
   */
  check(chains: readonly ChainReport[], retentionCutoff: Date | undefined, now: Date): { problems: Problem[]; report: CrossCheckReport } {
    const byChain = new Map(chains.map((c) => [c.chain, c]));
    const problems: Problem[] = [];
    const report: CrossCheckReport = {
      requests: 0,
      receipts: 0,
      archived: 0,
      notDelivered: 0,
      pastRetention: 0,
      inFlight: 0,
      unmatched: [],
    };
    const nearCutoff = (at: string) => retentionCutoff !== undefined && Date.parse(at) < retentionCutoff.getTime() + DAY_MS;
    const listed = new Set<string>();

    for (const request of this.requests.values()) {
      if (!request.receipts) continue;
      report.requests++;
      for (const receipt of request.receipts) {
        report.receipts++;
        listed.add(receipt.id);
        const stored = this.releases.get(receipt.id);
        if (stored && stored.hash === receipt.hash && stored.chain === receipt.chain && stored.seq === receipt.seq) continue;
        const chain = byChain.get(receipt.chain);
        // Archived: its chain was cut past it, or removed whole with everything of its time.
        const archived =
          !stored &&
          ((typeof chain?.archivedThrough === 'number' && receipt.seq <= chain.archivedThrough) ||
            ((!chain || chain.records === 0) && nearCutoff(request.at)));
        if (archived) {
          report.archived++;
          continue;
        }
        problems.push(
          stored
            ? {
                chain: receipt.chain,
                seq: receipt.seq,
                recordId: request.id,
                kind: 'release-mismatch',
                detail: `${request.id} lists release ${receipt.id} at ${receipt.chain} seq ${receipt.seq} with hash ${receipt.hash.slice(0, 12)}…, but it is stored at ${stored.chain} seq ${stored.seq} with hash ${stored.hash.slice(0, 12)}…: it was rewritten`,
              }
            : {
                chain: receipt.chain,
                seq: receipt.seq,
                recordId: request.id,
                kind: 'release-missing',
                detail: `${request.id} lists release ${receipt.id} (${receipt.chain} seq ${receipt.seq}), which is not stored: it was removed`,
              },
        );
      }
    }

    const gatewayChains = chains.filter((c) => this.spans.get(c.chain)?.requests);
    for (const release of this.releases.values()) {
      const request = this.requests.get(release.requestId);
      if (request) {
        if (!request.receipts) continue; // written before receipts: matched by its request id
        const gaveUp = request.undelivered?.some((u) => u.source === release.source && u.call === release.call);
        if (gaveUp || (listed.has(release.id) && !request.answered)) {
          report.notDelivered++;
          continue;
        }
        if (listed.has(release.id)) continue;
        report.unmatched.push(unmatched(release, 'not-listed'));
        continue;
      }
      if (nearCutoff(release.at)) {
        report.pastRetention++;
        continue;
      }
      const at = Date.parse(release.at);
      // A request still being answered: its source has recorded, its gateway not yet.
      if (at >= now.getTime() - GATEWAY_LAG_MS) {
        report.inFlight++;
        continue;
      }
      // A gateway chain that ended without closing, and whose last sign of life is close to the release: its
      // writer died (or lost a write) about then. One that lived on well after it would have recorded the
      // request; one silent long before it may have died before the request came: then it is not explained.
      const stoppedThen = gatewayChains.some((c) => {
        const span = this.spans.get(c.chain)!;
        const lastActive = Math.max(Date.parse(span.lastAt), c.newestCheckpointAt ? Date.parse(c.newestCheckpointAt) : 0);
        return (
          (c.end === 'stopped' || c.end === 'open' || c.end === 'continued') &&
          Date.parse(span.firstAt) <= at + GATEWAY_LAG_MS &&
          Math.abs(lastActive - at) <= GATEWAY_LAG_MS
        );
      });
      report.unmatched.push(unmatched(release, stoppedThen ? 'gateway-stopped' : 'request-not-recorded'));
    }
    report.unmatched.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    return { problems, report };
  }
}

function unmatched(release: ReleaseEntry, reason: UnmatchedRelease['reason']): UnmatchedRelease {
  return { id: release.id, chain: release.chain, seq: release.seq, at: release.at, reason };
}
