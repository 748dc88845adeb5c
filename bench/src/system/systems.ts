import path from 'node:path';
import { securityLayers, type SecurityLayer } from '@crossroads/shared';
import { claimsHeader, partnerHeaders } from '../claims.js';
import type { Target } from '../loadgen/client.js';
import { singleProcess, type ProcessGroup } from '../measure/processGroups.js';
import { startHiveGateway } from './hiveGateway.js';
import { startOurGateway, startSubgraphs, type RunningSubgraphs } from './ourServices.js';
import type { Spawned } from './spawnProcess.js';

export type SystemId = string;

export interface SystemSpec {
  id: SystemId;
  label: string;
  front: 'ours' | 'hive' | 'floor' | 'store';
  /** Layers switched off (gateway and subgraphs alike). */
  disabled: SecurityLayer[];
  /**
   * Whether the bulk scenario runs for it. Bulk is bound by the database (a
   * minute per system and round on FerretDB), and the targets compare it only
   * for everything on, authorization off, the peer and the floor.
   */
  bulk: boolean;
}

/**
 * The systems under test, in the order a round runs them (grouped by the
 * subgraphs they need): everything on; each layer of `securityLayers` off in
 * turn (a layer added there is measured without a change here); authorization
 * off (check and shield); the peer; the floor; the store.
 */
export const systems: SystemSpec[] = [
  { id: 'all-on', label: 'Crossroads, everything on', front: 'ours', disabled: [], bulk: true },
  ...securityLayers.map((layer): SystemSpec => ({
    id: `no-${layer}`,
    label: `Crossroads, ${layer} off`,
    front: 'ours',
    disabled: [layer],
    // Issue #12 bounds what the scope may add to a 1,000-SSIN call: that one layer is measured in bulk too.
    bulk: layer === 'followed-scope',
  })),
  {
    id: 'no-authz',
    label: 'Crossroads, authorization off (check + shield)',
    front: 'ours',
    disabled: ['preventive-check', 'shield'],
    bulk: true,
  },
  { id: 'hive', label: 'Hive Gateway 2.15 --jit (peer)', front: 'hive', disabled: ['preventive-check', 'sealing'], bulk: true },
  { id: 'floor', label: 'Subgraphs called directly (floor)', front: 'floor', disabled: ['preventive-check', 'sealing'], bulk: true },
  // The documents each answer is made of, read with the mongodb driver alone (db/src/measure/storeReads.ts):
  // no GraphQL, no process of ours. It uses no subgraph; it runs in the floor's group, whose subgraphs are
  // then idle, so that it starts none of its own.
  { id: 'store', label: 'Store alone (mongodb driver, no GraphQL)', front: 'store', disabled: ['preventive-check', 'sealing'], bulk: true },
];

/** The layers the subgraphs see: the preventive check is the gateway's alone. */
export function subgraphLayers(spec: SystemSpec): SecurityLayer[] {
  return spec.disabled.filter((l) => l !== 'preventive-check');
}

export const subgraphKey = (layers: readonly SecurityLayer[]) => [...layers].sort().join(',') || 'all-on';

export interface RunningSystem {
  spec: SystemSpec;
  target: Target;
  /** The front process (a gateway), absent for the floor. */
  front?: Spawned;
  stop(): Promise<void>;
}

/**
 * Starts the front of `spec` over subgraphs already running with `subgraphLayers(spec)`;
 * the store reads the database at `storeUri` (the database's own address, not a proxy's).
 */
export async function startFront(
  spec: SystemSpec,
  subgraphs: RunningSubgraphs,
  workDir: string,
  logDir: string,
  nodeFlags: string[] = [],
  storeUri: string = subgraphs.mongoUri,
): Promise<RunningSystem> {
  if (spec.front === 'store') return { spec, target: { kind: 'store', mongoUri: storeUri }, stop: async () => {} };
  if (spec.front === 'floor') {
    const { persons, employment, unemployment } = subgraphs.urls;
    return { spec, target: { kind: 'floor', urls: { persons, employment, unemployment }, headers: claimsHeader() }, stop: async () => {} };
  }
  const started =
    spec.front === 'hive'
      ? await startHiveGateway(subgraphs, path.join(workDir, 'hive'), logDir, nodeFlags)
      : await startOurGateway(subgraphs, spec.disabled, logDir, nodeFlags);
  return {
    spec,
    target: { kind: 'graphql', url: started.url, headers: await partnerHeaders() },
    front: started.process,
    stop: () => started.process.stop(),
  };
}

/** The process groups of a running system: its front (as `gateway`), the subgraphs, and the database's (the store: only those). */
export function systemGroups(system: RunningSystem, subgraphs: RunningSubgraphs, database: ProcessGroup[]): ProcessGroup[] {
  if (system.spec.front === 'store') return database;
  return [
    ...(system.front ? [singleProcess('gateway', system.front.pid)] : []),
    ...subgraphs.processes.map((p) => singleProcess(p.name, p.pid)),
    ...database,
  ];
}

export { startSubgraphs };
