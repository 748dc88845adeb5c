import type { Db } from 'mongodb';
import { auditCollections, type AuditRecord } from '@crossroads/shared';

/** The figures the model publishes about itself, for a range of days (Belgian calendar days, as the records keep them). */
export interface Kpis {
  from: string;
  to: string;
  /** Requests of identified callers, all outcomes. */
  requests: number;
  /** The service level: of the requests answered, the share answered within one second (the model: 99.88 %). */
  answeredWithinOneSecond: { answered: number; withinOneSecond: number; share: number | null };
  perDay: { day: string; requests: number; answered: number; refused: number; failed: number }[];
  perPartner: { partner: string; requests: number; answered: number; refused: number; failed: number }[];
  /** Requests refused, by code (from the trail: identified callers only; anonymous refusals are counted in the metrics). */
  refusalsByCode: Record<string, number>;
  /** Requests that failed on our side, by code. */
  failuresByCode: Record<string, number>;
  /**
   * Per source, the calls the gateway made that came back (a release receipt) against those it gave up on
   * (timeout, error: `undelivered`). Calls that released nothing are not in the trail: see `metrics` for them.
   */
  availabilityBySource: Record<string, { delivered: number; failed: number; availability: number | null }>;
  /** Releases of personal data recorded by each source: the records, and the persons they concerned. */
  releasesBySource: Record<string, { releases: number; persons: number }>;
  /** Figures read from the services' metrics endpoints, when given: counts since each process started. */
  metrics?: MetricsKpis;
}

export interface MetricsKpis {
  scrapedAt: string;
  /** Each source's calls by outcome as the gateway counted them, and the share that came back. */
  sourceCalls: Record<string, { ok: number; unavailable: number; timeout: number; availability: number | null }>;
  /** Requests refused before the caller was identified, by code. */
  anonymousRefusals: Record<string, number>;
  /** The gateway's requests within one second, from its latency histogram. */
  withinOneSecond: { requests: number; withinOneSecond: number; share: number | null };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  if (!DAY.test(from) || !DAY.test(to)) throw new RangeError('--from and --to take days as YYYY-MM-DD.');
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(end) || Number.isNaN(Date.parse(`${from}T00:00:00Z`))) throw new RangeError('--from and --to take real days.');
  if (end < Date.parse(`${from}T00:00:00Z`)) throw new RangeError('--to is before --from.');
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  if (days.length > 366) throw new RangeError('At most 366 days at a time.');
  return days;
}

type Counts = { requests: number; answered: number; refused: number; failed: number };
const zero = (): Counts => ({ requests: 0, answered: 0, refused: 0, failed: 0 });
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * Computes the KPIs from the audit trail, the source of truth for requests and releases. Records are read by
 * equality on `partnerDay` (`<partner>|<day>`, indexed: the security officer's queries use it), one lookup per
 * partner and day, never by scanning the trail; `partners` are those of the policy set, with `citizen` and `-`
 * (a caller refused before it was identified by name).
 */
export async function computeKpis(db: Db, options: { from: string; to: string; partners: readonly string[] }): Promise<Kpis> {
  const days = daysBetween(options.from, options.to);
  const records = db.collection<AuditRecord>(auditCollections.records);
  const perDay = new Map(days.map((d) => [d, zero()]));
  const perPartner = new Map<string, Counts>();
  const refusalsByCode: Record<string, number> = {};
  const failuresByCode: Record<string, number> = {};
  const availability: Kpis['availabilityBySource'] = {};
  const releases: Kpis['releasesBySource'] = {};
  let requests = 0;
  let answered = 0;
  let withinOneSecond = 0;
  const source = (name: string) => (availability[name] ??= { delivered: 0, failed: 0, availability: null });
  const keys = [...new Set([...options.partners, 'citizen', '-'])].flatMap((p) => days.map((d) => `${p}|${d}`));
  // A few hundred keys per lookup: one round trip for a month of a dozen partners.
  for (let i = 0; i < keys.length; i += 500) {
    const cursor = records.find(
      { partnerDay: { $in: keys.slice(i, i + 500) } },
      { projection: { kind: 1, partnerDay: 1, outcome: 1, code: 1, durationMs: 1, receipts: 1, undelivered: 1, source: 1, ssins: 1 } },
    );
    for await (const record of cursor) {
      const [partner, day] = [
        record.partnerDay.slice(0, record.partnerDay.lastIndexOf('|')),
        record.partnerDay.slice(record.partnerDay.lastIndexOf('|') + 1),
      ];
      if (record.kind === 'release') {
        const r = (releases[record.source] ??= { releases: 0, persons: 0 });
        r.releases++;
        r.persons += record.ssins.length;
        continue;
      }
      requests++;
      const counts = [perDay.get(day) ?? zero(), perPartner.get(partner) ?? zero()];
      perPartner.set(partner, counts[1]!);
      for (const c of counts) {
        c.requests++;
        c[record.outcome]++;
      }
      if (record.outcome === 'answered') {
        answered++;
        if (record.durationMs <= 1000) withinOneSecond++;
      } else if (record.outcome === 'refused') refusalsByCode[record.code ?? 'none'] = (refusalsByCode[record.code ?? 'none'] ?? 0) + 1;
      else failuresByCode[record.code ?? 'none'] = (failuresByCode[record.code ?? 'none'] ?? 0) + 1;
      for (const receipt of record.receipts ?? []) source(sourceOfRelease(receipt.id)).delivered++;
      for (const call of record.undelivered ?? []) if (call.reason !== 'audit-unavailable') source(call.source).failed++;
    }
  }
  for (const s of Object.values(availability)) s.availability = share(s.delivered, s.delivered + s.failed);
  return {
    from: options.from,
    to: options.to,
    requests,
    answeredWithinOneSecond: { answered, withinOneSecond, share: share(withinOneSecond, answered) },
    perDay: days.map((day) => ({ day, ...perDay.get(day)! })),
    perPartner: [...perPartner]
      .map(([partner, c]) => ({ partner, ...c }))
      .sort((a, b) => b.requests - a.requests || (a.partner < b.partner ? -1 : 1)),
    refusalsByCode,
    failuresByCode,
    availabilityBySource: Object.fromEntries(Object.entries(availability).sort()),
    releasesBySource: Object.fromEntries(Object.entries(releases).sort()),
  };
}

/** `release:<requestId>:<source>[:<call>]` → the source. */
function sourceOfRelease(id: string): string {
  return id.split(':')[2] ?? 'unknown';
}
