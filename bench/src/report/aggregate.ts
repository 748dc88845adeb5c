import type { SystemId } from '../system/systems.js';
import type { MeasuredLoad, SystemRound } from './types.js';

/** A median over rounds with its spread. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function stat(values: number[]): Stat {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const m = Math.floor(v.length / 2);
  return { median: v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2, min: v[0]!, max: v[v.length - 1]!, n: v.length };
}

/** Processes of a system other than the load generator. */
const SYSTEM_PROCESSES = ['gateway', 'persons', 'employment', 'unemployment', 'authorizations', 'ferretdb', 'postgres'];
const SUBGRAPHS = ['persons', 'employment', 'unemployment', 'authorizations'];

const sum = (record: Record<string, number>, keys: string[]) => keys.reduce((a, k) => a + (record[k] ?? 0), 0);

export interface SystemSummary {
  system: SystemId;
  label: string;
  rounds: number;
  saturation: Stat;
  saturationP50: Stat;
  saturationP99: Stat;
  saturationErrors: Stat;
  oneConnectionP50: Stat;
  oneConnectionP99: Stat;
  target: { rate: number; p50: Stat; p99: Stat; errors: Stat; achieved: Stat };
  open: Array<{ fraction: number; rate: Stat; p50: Stat; p99: Stat; errors: Stat }>;
  /** CPU ms per request at saturation, by process, and in total (load generator excluded). */
  cpuPerRequest: Record<string, Stat>;
  cpuPerRequestTotal: Stat;
  loadgenShare: Stat;
  bulk: Array<{ size: number; msPerCall: Stat; msPerPerson: Stat; cpuMsPerPerson: Stat; errors: Stat }>;
  tenThousandMs: Stat;
  tenThousandErrors: Stat;
  peakRssMiB: Record<string, Stat>;
}

export function summarise(rounds: SystemRound[]): SystemSummary[] {
  const bySystem = new Map<SystemId, SystemRound[]>();
  for (const r of rounds) bySystem.set(r.system, [...(bySystem.get(r.system) ?? []), r]);
  return [...bySystem.values()].map((rs) => summariseSystem(rs));
}

function summariseSystem(rs: SystemRound[]): SystemSummary {
  const s = (f: (r: SystemRound) => number) => stat(rs.map(f));
  const sat = (r: SystemRound) => r.single.saturation;
  const processes = [...new Set(rs.flatMap((r) => Object.keys(sat(r).cpuMsPerRequest)))];
  const cpu = (load: MeasuredLoad) => sum(load.cpuMsPerRequest, SYSTEM_PROCESSES);
  const rssKeys = [...new Set(rs.flatMap((r) => Object.keys(r.peakRssMiB)))];
  return {
    system: rs[0]!.system,
    label: rs[0]!.label,
    rounds: rs.length,
    saturation: s((r) => sat(r).result.throughput),
    saturationP50: s((r) => sat(r).result.latency.p50),
    saturationP99: s((r) => sat(r).result.latency.p99),
    saturationErrors: s((r) => sat(r).result.errors),
    oneConnectionP50: s((r) => r.single.oneConnection.result.latency.p50),
    oneConnectionP99: s((r) => r.single.oneConnection.result.latency.p99),
    target: {
      rate: rs[0]!.single.targetRate.result.rate,
      p50: s((r) => r.single.targetRate.result.latency.p50),
      p99: s((r) => r.single.targetRate.result.latency.p99),
      errors: s((r) => r.single.targetRate.result.errors),
      achieved: s((r) => r.single.targetRate.result.throughput),
    },
    open: rs[0]!.single.open.map((o, i) => ({
      fraction: o.fraction,
      rate: s((r) => r.single.open[i]?.load.result.rate ?? NaN),
      p50: s((r) => r.single.open[i]?.load.result.latency.p50 ?? NaN),
      p99: s((r) => r.single.open[i]?.load.result.latency.p99 ?? NaN),
      errors: s((r) => r.single.open[i]?.load.result.errors ?? NaN),
    })),
    cpuPerRequest: Object.fromEntries(processes.map((p) => [p, s((r) => sat(r).cpuMsPerRequest[p] ?? NaN)])),
    cpuPerRequestTotal: s((r) => cpu(sat(r))),
    loadgenShare: s((r) => sat(r).cpuShare.loadgen ?? NaN),
    bulk: (rs[0]!.bulk?.sizes ?? []).map((b, i) => ({
      size: b.size,
      msPerCall: s((r) => r.bulk?.sizes[i]?.msPerCall ?? NaN),
      msPerPerson: s((r) => r.bulk?.sizes[i]?.msPerPerson ?? NaN),
      cpuMsPerPerson: s((r) => sum(r.bulk?.sizes[i]?.cpuMsPerPerson ?? {}, SYSTEM_PROCESSES)),
      errors: s((r) => r.bulk?.sizes[i]?.errors ?? NaN),
    })),
    tenThousandMs: s((r) => r.bulk?.tenThousand.totalMs ?? NaN),
    tenThousandErrors: s((r) => r.bulk?.tenThousand.errors ?? NaN),
    peakRssMiB: Object.fromEntries(rssKeys.map((k) => [k, s((r) => r.peakRssMiB[k] ?? NaN)])),
  };
}

export const subgraphCpu = (summary: SystemSummary) =>
  sum(Object.fromEntries(Object.entries(summary.cpuPerRequest).map(([k, v]) => [k, v.median])), SUBGRAPHS);
