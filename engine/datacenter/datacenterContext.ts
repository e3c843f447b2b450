// What the data-center policies share: the world, the clusters, storage, meters, and how a migration is started.
import type { Migration, MigrationReason, RestartPriority } from '../../shared/domain/datacenter.ts';
import type { SimWorld } from '../sim/world.ts';
import type { ClusterRec } from './clusterConfig.ts';
import type { DemandTracker } from './demandTracker.ts';
import type { EnergyMeter } from './energyMeter.ts';
import type { PowerProfile } from './powerModel.ts';
import type { DatacenterPort } from './datacenterPorts.ts';

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
