// What the data-center policies share: the world, the clusters, storage, meters, and how a migration is started.
import { AppError } from '../../shared/errors.ts';
import type { Migration, MigrationReason, RestartPriority } from '../../shared/domain/datacenter.ts';
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import type { SimWorld } from '../sim/world.ts';
import type { ClusterRec } from './clusterConfig.ts';
import type { DemandTracker } from './demandTracker.ts';
import type { EnergyMeter } from './energyMeter.ts';
import type { PowerProfile } from './powerModel.ts';
import type { DatacenterPort } from './datacenterPorts.ts';
import type { ChangeTracker } from './changeTracker.ts';

export interface MigrationRequest {
  readonly reason: MigrationReason;
  readonly maxRounds?: number;
  readonly maxDowntimeMs?: number;
}

export interface DcContext {
  readonly world: SimWorld;
  readonly clusters: readonly ClusterRec[];
  readonly port: DatacenterPort;
  readonly demand: DemandTracker;
  readonly energy: EnergyMeter;
  /** The cluster a host belongs to, if any. */
  clusterOfHost(hostId: string): ClusterRec | undefined;
  /** NOT_FOUND for an unknown cluster id. */
  cluster(clusterId: string): ClusterRec;
  power(hostId: string): PowerProfile;
  restartPriority(machineId: string): RestartPriority;
  /** Disk data a move from the guest's host to `hostId` copies first: none within a shared-storage cluster. */
  storageToCopy(machineId: string, hostId: string): number;
  /** Starts a timed migration with its disks checked; refused changes nothing. */
  startMigration(machineId: string, platformId: string, request: MigrationRequest): Migration;
  /** A machine changed host outside a migration (an HA restart): its record must be saved. */
  noteMoved(machineId: string): void;
}

/** The data center's own state the context reads and writes. */
export interface ContextState {
  readonly world: SimWorld;
  readonly clusters: readonly ClusterRec[];
  readonly clusterOfHost: ReadonlyMap<string, ClusterRec>;
  readonly power: ReadonlyMap<string, PowerProfile>;
  readonly priorities: ReadonlyMap<string, RestartPriority>;
  readonly demand: DemandTracker;
  readonly energy: EnergyMeter;
  readonly port: DatacenterPort;
  readonly changes: ChangeTracker;
  /** Machines whose host changed, for their records to be saved. */
  readonly moved: Set<string>;
  /** HA admission control's refusal of a running guest coming into `cluster` (passed in: HA policies use the context). */
  readonly admissionRefusal: (ctx: DcContext, cluster: ClusterRec, machineId: string) => string | undefined;
}

export function createContext(state: ContextState): DcContext {
  const { world, clusters, clusterOfHost, port, changes } = state;
  const ctx: DcContext = {
    world,
    clusters,
    port,
    demand: state.demand,
    energy: state.energy,
    clusterOfHost: (hostId) => clusterOfHost.get(hostId),
    cluster: (clusterId) => {
      const cluster = clusters.find((c) => c.id === clusterId);
      if (!cluster) throw new AppError('NOT_FOUND', `There is no cluster with id "${clusterId}"; clusters: ${clusters.map((c) => `${c.name} (${c.id})`).join(', ') || 'none'}`, 'clusterId');
      return cluster;
    },
    power: (hostId) => state.power.get(hostId)!,
    restartPriority: (machineId) => state.priorities.get(machineId) ?? 'medium',
    storageToCopy: (machineId, hostId) => {
      const from = clusterOfHost.get(world.guest(machineId).hostId);
      if (from && from === clusterOfHost.get(hostId) && from.settings.storage === 'shared') return 0;
      return port.diskMiB(machineId);
    },
    startMigration: (machineId, platformId, request) => {
      const guest = world.guest(machineId);
      const hostId = world.platform(platformId).hostId;
      // Coming into an HA cluster from elsewhere, a running guest must leave the failover room its admission control keeps.
      const into = clusterOfHost.get(hostId);
      if (into && into !== clusterOfHost.get(guest.hostId) && !isPoweredDown(guest.state)) {
        const refusal = state.admissionRefusal(ctx, into, machineId);
        if (refusal) throw new AppError('INSUFFICIENT_RESOURCES', refusal, 'platformId');
      }
      port.planMove(machineId, hostId);
      const migration = world.cluster.startMigration(machineId, platformId, { ...request, storageMiB: ctx.storageToCopy(machineId, hostId) });
      changes.migration(migration.id, 'started', true);
      return migration;
    },
    noteMoved: (machineId) => {
      state.moved.add(machineId);
      changes.hosts.add(world.guest(machineId).hostId);
    },
  };
  return ctx;
}
