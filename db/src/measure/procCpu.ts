import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (CLK_TCK, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function stat(pid: number): string[] | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU milliseconds (user + system) a process has used, plus its waited-for children when `withChildren`. */
export function cpuMs(pid: number, withChildren = false): number {
  const f = stat(pid);
  if (!f) return 0;
  const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds of a process and its live children (PostgreSQL: the postmaster and its backends). */
export function treeCpuMs(rootPid: number): number {
  let sum = cpuMs(rootPid, true);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = stat(Number(entry));
    if (f && Number(f[1]) === rootPid) sum += cpuMs(Number(entry));
  }
  return sum;
}

/** Resident memory high-water mark in MiB (VmHWM). */
export function peakRssMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
