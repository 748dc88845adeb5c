import type { DirectoryRegistration } from '../scenarios/registerFollowers.js';
import type { OverloadResult } from '../scenarios/overload.js';
import type { LoadResult } from '../loadgen/protocol.js';
import type { BenchOptions } from '../options.js';
import type { SystemId } from '../system/systems.js';

/** One load run, with what it cost each process. */
export interface MeasuredLoad {
  result: LoadResult;
  /** CPU ms per successful request, by process group (gateway, persons, …, postgres, ferretdb, loadgen). */
  cpuMsPerRequest: Record<string, number>;
  /** CPU used over the run as a share of the machine (all cores), by process group. */
  cpuShare: Record<string, number>;
}

export interface SingleScenario {
  saturation: MeasuredLoad;
  oneConnection: MeasuredLoad;
  /** Open model at the target rate (150 req/s). */
  targetRate: MeasuredLoad;
  /** Open model at fractions of this round's saturation throughput. */
  open: Array<{ fraction: number; load: MeasuredLoad }>;
}

export interface BulkSize {
  size: number;
  calls: number;
  errors: number;
  /** Median over the calls. */
  msPerCall: number;
  msPerPerson: number;
  /** CPU ms per person, by process group (the bench process excluded). */
  cpuMsPerPerson: Record<string, number>;
}

export interface BulkScenario {
  sizes: BulkSize[];
  /** 10,000 persons as calls of 1,000 (smaller in a --quick run), `concurrency` in flight at once. */
  tenThousand: {
    calls: number;
    /** SSINs per call (absent from runs before it was recorded: 1,000). */
    callSize?: number;
    concurrency: number;
    errors: number;
    totalMs: number;
    msPerPerson: number;
  };
}

export interface SystemRound {
  system: SystemId;
  label: string;
  round: number;
  single: SingleScenario;
  /** Null for a system the bulk scenario does not run for (SystemSpec.bulk). */
  bulk: BulkScenario | null;
  /** Peak RSS (MiB) of each process over this system's turn. */
  peakRssMiB: Record<string, number>;
}

export interface DbCommands {
  /** Mongo commands per call, by command name, counted at the wire between the subgraphs and the server. */
  single: Record<string, number>;
  bulk: Array<{ size: number; perCall: Record<string, number> }>;
}

export interface GrowthPoint {
  persons: number;
  seedS: number;
  oneConnection: { p50: number; p99: number; errors: number };
  targetRate: { rate: number; p50: number; p99: number; errors: number };
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by function, the heaviest first. */
  functions: Array<{ name: string; where: string; selfMs: number; share: number }>;
  /** Self time by package (node_modules/<name>, node internals, the project's own code). */
  packages: Array<{ name: string; selfMs: number; share: number }>;
  throughput: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  database: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  elapsedS: number;
  machine: Machine;
  options: BenchOptions;
  mainSize: number;
  rounds: SystemRound[];
  dbCommands?: DbCommands;
  growth: GrowthPoint[];
  profile?: ProfileSummary;
  /** The population registered in the reference directory before each size was measured (issue #12). */
  directory?: DirectoryRegistration[];
  /** Twice the saturation rate against a gateway that sheds load (issue #11). */
  overload?: OverloadResult;
  notes: string[];
}
