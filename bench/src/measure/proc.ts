import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (CLK_TCK, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in milliseconds. */
  cpuMs: number;
  /** cutime + cstime: children that exited and were waited for (PostgreSQL backends). */
  childrenCpuMs: number;
}

export function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ticks = (i: number) => Number(f[i]);
  return {
    pid,
    ppid: ticks(1),
    cpuMs: ((ticks(11) + ticks(12)) * 1000) / TICKS_PER_SECOND,
    childrenCpuMs: ((ticks(13) + ticks(14)) * 1000) / TICKS_PER_SECOND,
  };
}

/** Peak resident set size (VmHWM) in MiB since the start or the last `resetPeakRss`. */
export function peakRssMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resets VmHWM to the current RSS (Linux `clear_refs` value 5), so a peak can be measured per phase. */
export function resetPeakRss(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not ours to reset (another user's process): the peak then covers the process's whole life
  }
}

export function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

export function cmdline(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** The processes whose parent is `pid` (PostgreSQL's backends under the postmaster). */
export function childrenOf(pid: number): number[] {
  return allPids().filter((p) => readStat(p)?.ppid === pid);
}
