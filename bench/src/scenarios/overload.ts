import { AUDIT_DATABASE, auditCollections, connectMongo, todayInBelgium, type AuditRecord } from '@crossroads/shared';
import { PARTNER, partnerHeaders } from '../claims.js';
import type { LatencySummary } from '../loadgen/protocol.js';
import { runLoad } from '../loadgen/runLoad.js';
import type { BenchDatabase } from '../system/database.js';
import { startOurGateway, startSubgraphs } from '../system/ourServices.js';

/** What twice the saturation rate did to a gateway that sheds load (decision 0016). */
export interface OverloadResult {
  /** The rate sent: twice the saturation measured for everything on. */
  rate: number;
  saturation: number;
  sent: number;
  answered: number;
  /** Refused by the gateway: 503 OVERLOADED, 429 RATE_LIMITED. */
  refused: number;
  refusedByStatus: Record<string, number>;
  /** Neither answered nor refused: errors, timeouts, requests the generator gave up on. */
  otherErrors: number;
  accepted: LatencySummary;
  refusals: LatencySummary;
  /** The gateway still answered its health probe afterwards. */
  gatewayAlive: boolean;
  /** Request records of the run: refused with OVERLOADED, and answered. */
  auditRefused: number;
  auditAnswered: number;
  /** Refusals and answers the partner got that no request record accounts for: must be 0. */
  lostAuditRecords: number;
}

/**
 * Issue #11's overload scenario: an open model at twice the saturation rate,
 * against a gateway with its default bound on requests in progress (64). What
 * it must show: refusals come back fast (their p99), the accepted requests keep
 * a bounded latency (theirs), nothing crashes, and every refusal and every
 * answer is in the audit trail.
 */
export async function overload(
  db: BenchDatabase,
  saturation: number,
  options: { durationMs: number },
  logDir: string,
): Promise<OverloadResult> {
  const subgraphs = await startSubgraphs(db.mongoUri, [], logDir);
  try {
    // Default bound on requests in progress: the variable unset in the gateway's environment.
    const gateway = await startOurGateway(subgraphs, [], logDir, [], { GATEWAY_MAX_IN_FLIGHT: '' });
    try {
      const rate = Math.max(2, Math.round(saturation * 2));
      const since = new Date().toISOString();
      const { result } = await runLoad(
        {
          target: { kind: 'graphql', url: gateway.url, headers: await partnerHeaders() },
          model: 'open',
          connections: 0,
          rate,
          durationMs: options.durationMs,
          ssinsFile: db.ssinsFile,
          splitRefusals: true,
        },
        [],
      );
      const gatewayAlive = await fetch(gateway.url.replace('/graphql', '/health'))
        .then((r) => r.ok)
        .catch(() => false);
      const refused = result.refused ?? { count: 0, byStatus: {}, latency: result.latency };
      const audit = await countRecords(db.mongoUri, since);
      const overloaded = refused.byStatus['503'] ?? 0;
      return {
        rate,
        saturation,
        sent: result.sent,
        answered: result.ok,
        refused: refused.count,
        refusedByStatus: refused.byStatus,
        otherErrors: result.errors,
        accepted: result.latency,
        refusals: refused.latency,
        gatewayAlive,
        auditRefused: audit.overloaded,
        auditAnswered: audit.answered,
        lostAuditRecords: Math.max(0, overloaded - audit.overloaded) + Math.max(0, result.ok - audit.answered),
      };
    } finally {
      await gateway.process.stop();
    }
  } finally {
    await subgraphs.stop();
  }
}

/** The bench partner's request records made since `since`: one equality lookup on its day, as the officer's view does. */
async function countRecords(mongoUri: string, since: string): Promise<{ overloaded: number; answered: number }> {
  const client = await connectMongo(mongoUri, 'crossroads-bench-audit');
  try {
    const records = await client
      .db(AUDIT_DATABASE)
      .collection<AuditRecord>(auditCollections.records)
      .find({ partnerDay: `${PARTNER.id}|${todayInBelgium()}` }, { projection: { kind: 1, at: 1, outcome: 1, code: 1 } })
      .toArray();
    const mine = records.filter((r) => r.kind === 'request' && r.at >= since);
    return {
      overloaded: mine.filter((r) => r.kind === 'request' && r.code === 'OVERLOADED').length,
      answered: mine.filter((r) => r.kind === 'request' && r.outcome === 'answered').length,
    };
  } finally {
    await client.close();
  }
}
