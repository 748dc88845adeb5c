import { allPids, childrenOf, cmdline, peakRssMiB, readStat, resetPeakRss } from './proc.js';

/**
 * A named set of processes whose CPU time and peak memory are measured
 * together: one Node service, FerretDB, or PostgreSQL (the postmaster and its
 * backends, which come and go).
 */
export interface ProcessGroup {
  name: string;
  /** The processes now in the group. */
  pids(): number[];
  /** CPU milliseconds used so far, exited children included. */
  cpuMs(): number;
  /** Peak RSS in MiB since the last reset: of the process, or summed over the group (PostgreSQL counts shared buffers once per backend). */
  peakRssMiB(): number;
  resetPeak(): void;
}

export function singleProcess(name: string, pid: number): ProcessGroup {
  return {
    name,
    pids: () => [pid],
    cpuMs: () => readStat(pid)?.cpuMs ?? 0,
    peakRssMiB: () => peakRssMiB(pid),
    resetPeak: () => resetPeakRss(pid),
  };
}

export function processTree(name: string, rootPid: number): ProcessGroup {
  const pids = () => [rootPid, ...childrenOf(rootPid)];
  return {
    name,
    pids,
    cpuMs() {
      const root = readStat(rootPid);
      const children = childrenOf(rootPid).reduce((sum, p) => sum + (readStat(p)?.cpuMs ?? 0), 0);
      return (root?.cpuMs ?? 0) + (root?.childrenCpuMs ?? 0) + children;
    },
    peakRssMiB: () => pids().reduce((sum, p) => sum + peakRssMiB(p), 0),
    resetPeak: () => pids().forEach(resetPeakRss),
  };
}

/** The embedded database's processes, found by the ports in their command lines. */
export function databaseGroups(mongoUri: string, postgresUrl: string | undefined): ProcessGroup[] {
  const mongoPort = new URL(mongoUri).port;
  const groups: ProcessGroup[] = [];
  const pids = allPids();
  const ferret = pids.find((p) => cmdline(p).some((a) => a === `--listen-addr=127.0.0.1:${mongoPort}`));
  if (ferret) groups.push(singleProcess('ferretdb', ferret));
  if (postgresUrl) {
    const pgPort = new URL(postgresUrl).port;
    const postmaster = pids.find((p) => cmdline(p).some((a) => a === `port=${pgPort}`));
    if (postmaster) groups.push(processTree('postgres', postmaster));
  }
  return groups;
}

export interface GroupSample {
  cpuMs: Record<string, number>;
}

export function sampleCpu(groups: ProcessGroup[]): GroupSample {
  return { cpuMs: Object.fromEntries(groups.map((g) => [g.name, g.cpuMs()])) };
}

export function cpuDelta(before: GroupSample, after: GroupSample): Record<string, number> {
  return Object.fromEntries(Object.keys(after.cpuMs).map((k) => [k, after.cpuMs[k]! - (before.cpuMs[k] ?? 0)]));
}
