// Messages between the backend (main/node) and the engine worker: commands, replies, notifications.
import type { AppErrorData } from '../errors.ts';
import type { Host } from '../domain/host.ts';
import type { FitCheckInput, Machine, NewMachineSpec } from '../domain/machine.ts';
import type { FitVerdict } from '../domain/fitCheck.ts';
import type { MachineMetrics, SimEvent } from '../domain/machineMetrics.ts';
import type { LifecycleAction } from '../domain/machineState.ts';
import type { HostActivity, TelemetryBatch } from '../domain/telemetry.ts';
import type { CloneOptions, MachineConfig, SettingsCheck, SettingsPatch, SettingsRules } from '../domain/machineConfig.ts';
import type { MachineRecord } from '../domain/machineRecord.ts';
import type { LabelPatch } from '../domain/machineLabels.ts';
import type { KindDescription } from '../domain/kinds.ts';
import type { EngineInventory } from '../domain/engineInventory.ts';
import type { AddIsoSpec, MediaList } from '../domain/media.ts';
import type { InstallPlatformSpec } from '../domain/platforms.ts';
import type { RemovalMode, RemovalPlan } from '../domain/removal.ts';
import type { NetworkSpec, NicSpec, OpticalDrive, StaticIpCheck, VirtualNetwork } from '../domain/network.ts';
import type { SnapshotTree, TakeSnapshotSpec } from '../domain/snapshot.ts';
import type { ApplianceDisk, DiskAllocation, StoragePool } from '../domain/storage.ts';
import type {
  Cluster,
  ClusterOperation,
  ClusterSettingsPatch,
  ConsolidationPlan,
  Datacenter,
  DatacenterChanges,
  DatacenterSettings,
  HostAction,
  HostStatus,
  Migration,
  MigrationPlan,
  RestartPriority,
  RunReport,
} from '../domain/datacenter.ts';
import type { ApplicationSpec } from '../domain/applicationSpec.ts';
import type { ApplicationRecord } from '../domain/applicationRecord.ts';
import type { ApplicationView, ContainerNode } from '../domain/applicationView.ts';
import type { ImageCatalogue } from '../domain/containerImages.ts';
import type { RuntimeDetails } from '../domain/runtimeDetails.ts';

export type { MachineRecord, EngineInventory };

/**
 * What an engine command (or a stretch of simulated time) changed, in one batch: machines whose view changed (state,
 * settings, placement), the full records of those whose configuration changed (to save and to re-seed a restarted
 * engine), machines removed, and the events logged. Every consumer applies exactly these deltas.
 */
export interface EngineChanges {
  machines: Machine[];
  records: MachineRecord[];
  removed: string[];
  events: SimEvent[];
  /** Hosts, clusters, migrations and cluster operations that changed (absent when none did). */
  datacenter?: DatacenterChanges;
  /** The data center's settings (clusters, links, restart priorities) when they changed: to save, and to re-seed a restart. */
  datacenterSettings?: DatacenterSettings;
  /** Applications whose view changed (replica phases, rollout progress, traffic each second). */
  applications?: ApplicationView[];
  /** Applications whose saved state changed (desired state, revisions, replica placement, restarts). */
  applicationRecords?: ApplicationRecord[];
  removedApplications?: string[];
  /** The engine's whole inventory (networks, installed platforms, media), present when any of it changed; it is small. */
  inventory?: EngineInventory;
}

/** A record `init` left out, and why. */
export interface SkippedRecord {
  id: string;
  name: string;
  reason: string;
}

/** Creation options beyond NewMachineSpec: a thin disk, one NAT adapter with DHCP and an empty drive when omitted. */
export interface MachineOptions {
  diskAllocation?: DiskAllocation;
  nics?: NicSpec[];
  optical?: OpticalDrive;
  /** Every disk of an imported appliance at its real size (kept in the configuration; only `diskGiB` is simulated). */
  disks?: ApplianceDisk[];
}

/** One operation of a `batch`: an ordinary command and its input. */
export type BatchStep =
  | { command: 'lifecycle'; input: EngineCommands['lifecycle']['input'] }
  | { command: 'takeSnapshot'; input: EngineCommands['takeSnapshot']['input'] }
  | { command: 'deleteMachine'; input: EngineCommands['deleteMachine']['input'] };
export type BatchStepCommand = BatchStep['command'];
/** What one step of a batch did: its value, or why it was refused (a refused step changed nothing). */
export type BatchOutcome = { ok: true; value: unknown } | { ok: false; error: AppErrorData };

/** Each command: its payload and its result. The engine validates rules; schemas were checked upstream. */
export interface EngineCommands {
  /** `startMs` (a whole second) continues simulated time after a restart, so history and clients never see it go back. */
  /**
   * `skipInvalid` (the first start on a library): a record the engine cannot restore (unknown platform, duplicate
   * name…) is left out and listed in `skipped` instead of failing the whole init.
   */
  /** `inventory`: networks, installed platforms and media from the library (defaults when absent). */
  init: {
    /** `applications` are restored after the machines (their replicas go back to their hosts). */
    input: {
      seed: number;
      speed: number;
      machines: MachineRecord[];
      inventory?: EngineInventory;
      applications?: ApplicationRecord[];
      startMs?: number;
      skipInvalid?: boolean;
      datacenter?: DatacenterSettings;
    };
    output: { simTimeMs: number; skipped?: SkippedRecord[]; skippedPlatforms?: SkippedRecord[]; skippedApplications?: SkippedRecord[] };
  };
  listHosts: { input: Record<string, never>; output: Host[] };
  /** Per host over the last simulated second: per-core utilisation from vCPU placement, memory, storage, busiest guests. */
  getHostActivity: { input: Record<string, never>; output: HostActivity[] };
  listMachines: { input: Record<string, never>; output: Machine[] };
  getMachine: { input: { id: string }; output: Machine };
  createMachine: { input: { id: string; spec: NewMachineSpec; options?: MachineOptions }; output: Machine };
  lifecycle: { input: { id: string; action: LifecycleAction }; output: Machine };
  /**
   * Removes a machine: `deleteAll` (default) frees its disks (a base its linked clones read stays), `removeOnly` keeps
   * them as orphaned media, `deleteWithClones` deletes its linked clones with it. `freedMiB` is what the pools gained.
   */
  deleteMachine: { input: { id: string; mode?: RemovalMode }; output: { id: string; freedMiB?: number; removed?: string[] } };
  /** What each way of removing the machine would free, which linked clones depend on it, and what is refused; changes nothing. */
  planRemoval: { input: { id: string }; output: RemovalPlan };
  /** The engine's inventory as the library keeps it. */
  getInventory: { input: Record<string, never>; output: EngineInventory };
  createNetwork: { input: { networkId: string; spec: NetworkSpec }; output: VirtualNetwork };
  updateNetwork: { input: { networkId: string; spec: NetworkSpec }; output: VirtualNetwork };
  deleteNetwork: { input: { networkId: string }; output: { networkId: string } };
  /** Whether a static address may be used on a network (for `machineId`'s adapter, or a new machine); changes nothing. */
  checkStaticIp: { input: { networkId: string; ip: string; machineId?: string }; output: StaticIpCheck };
  /** Installs a platform in a machine or on a platform, where the nesting rules allow; refused with the reason otherwise. */
  installPlatform: { input: { platformId: string; spec: InstallPlatformSpec }; output: Host[] };
  listMedia: { input: Record<string, never>; output: MediaList };
  addIsoImage: { input: { spec: AddIsoSpec }; output: MediaList };
  /** Removes an ISO image from the library (refused while a machine has it in its drive) or a disk image no machine reads. */
  removeMedium: { input: { mediumId: string }; output: MediaList & { freedMiB: number } };
  /** Ejects an ISO image from every powered-off machine that has it. */
  releaseMedium: { input: { mediumId: string }; output: MediaList };
  /** Gives back the blocks of deleted files in a dynamically allocated disk image. */
  compactDisk: { input: { diskId: string }; output: MediaList & { freedMiB: number } };
  /** Disk chain, NICs with their addresses, optical drive and clone origin. */
  getMachineConfig: { input: { id: string }; output: MachineConfig };
  /** What each kind of virtualization is and supports (settings, memory techniques, I/O paths, MAC prefix...). */
  listKinds: { input: Record<string, never>; output: KindDescription[] };
  /** Whether a machine can move to another platform now, with every reason; changes nothing. */
  checkMigration: { input: { id: string; platformId: string }; output: FitVerdict };
  /** Moves a machine (running or not) to another platform of its kind; its disks follow to the target host's pool. */
  migrateMachine: { input: { id: string; platformId: string }; output: Machine };
  /** `snapshotId` comes from the caller (like machine ids), so the engine stays deterministic. */
  takeSnapshot: { input: { id: string; snapshotId: string; spec: TakeSnapshotSpec }; output: SnapshotTree };
  /** Powered Off only; the machine's settings go back to the snapshot's. */
  restoreSnapshot: { input: { id: string; snapshotId: string }; output: SnapshotTree };
  deleteSnapshot: { input: { id: string; snapshotId: string }; output: SnapshotTree & { freedMiB: number } };
  listSnapshots: { input: { id: string }; output: SnapshotTree };
  cloneMachine: { input: { id: string; cloneId: string; options: CloneOptions }; output: Machine };
  updateSettings: { input: { id: string; patch: SettingsPatch }; output: Machine };
  getSettingsRules: { input: { id: string }; output: SettingsRules };
  /** updateSettings' checks without the change: the first refusal, or none. */
  checkSettings: { input: { id: string; patch: SettingsPatch }; output: SettingsCheck };
  listStorage: { input: Record<string, never>; output: StoragePool[] };
  /** Clusters, every host's power state, link, watts and load, migrations and cluster operations. */
  getDatacenter: { input: Record<string, never>; output: Datacenter };
  /** Where a machine can go: every host with a platform of its kind, the verdict and the predicted time and downtime. */
  planMigration: { input: { id: string }; output: MigrationPlan };
  /** Starts a timed migration (pre-copy live, checkpoint/restore for containers, cold when powered off). */
  startMigration: { input: { id: string; platformId: string; maxRounds?: number; maxDowntimeMs?: number }; output: Migration };
  cancelMigration: { input: { migrationId: string }; output: Migration };
  /** The consolidation a cluster would get now; changes nothing. */
  planConsolidation: { input: { clusterId: string; headroomPct?: number; percentile?: number }; output: ConsolidationPlan };
  /** Plans and runs a consolidation: live migrations one after another, then the emptied hosts are powered off. */
  consolidate: { input: { clusterId: string; headroomPct?: number; percentile?: number }; output: ClusterOperation };
  /** One balancing pass now: each host above the threshold sends a guest to a less-loaded host (the decisions, said). */
  balanceCluster: { input: { clusterId: string }; output: { decisions: string[] } };
  /** Maintenance (evacuates every guest), leaving it, failure (power loss), power on, power off. */
  hostAction: { input: { hostId: string; action: HostAction }; output: { host: HostStatus; operation?: ClusterOperation } };
  updateCluster: { input: { clusterId: string; patch: ClusterSettingsPatch }; output: Cluster };
  setHostLink: { input: { hostId: string; gbps: number }; output: HostStatus };
  setRestartPriority: { input: { id: string; priority: RestartPriority }; output: { id: string; priority: RestartPriority } };
  /** Availability, HA restarts, migrations and energy of a cluster over a time range (the whole run by default). */
  getRunReport: { input: { clusterId: string; fromMs?: number; toMs?: number }; output: RunReport };
  listNetworks: { input: Record<string, never>; output: VirtualNetwork[] };
  checkFit: { input: FitCheckInput; output: FitVerdict };
  getMetrics: { input: { id: string }; output: MachineMetrics };
  /** A container's image, layers, limits, namespaces and network, or a process VM's heap, GC and JIT; "machine" otherwise. */
  getRuntimeDetails: { input: { id: string }; output: RuntimeDetails };
  /** Images with their layers, where they are pulled, and per host what layer sharing saves. */
  listImages: { input: Record<string, never>; output: ImageCatalogue };
  listApplications: { input: Record<string, never>; output: ApplicationView[] };
  getApplication: { input: { id: string }; output: ApplicationView };
  /** A new application, or the changes of a file applied to the one of that name (rollouts, scaling, added/removed services). */
  deployApplication: { input: { id: string; spec: ApplicationSpec }; output: ApplicationView };
  removeApplication: { input: { id: string }; output: { id: string } };
  scaleService: { input: { id: string; service: string; replicas: number }; output: ApplicationView };
  rolloutService: { input: { id: string; service: string; image: string }; output: ApplicationView };
  rollbackService: { input: { id: string; service: string }; output: ApplicationView };
  /** Makes one replica's process fail (its restart policy applies); the first ready one when `replicaId` is omitted. */
  failContainer: { input: { id: string; service: string; replicaId?: string }; output: ApplicationView };
  /** A container host fails: its replicas are evicted and rescheduled on the others. */
  failContainerHost: { input: { hostId: string }; output: ContainerNode[] };
  recoverContainerHost: { input: { hostId: string }; output: ContainerNode[] };
  listContainerNodes: { input: Record<string, never>; output: ContainerNode[] };
  listEvents: { input: { machineId?: string; hostId?: string; limit?: number }; output: SimEvent[] };
  getClock: { input: Record<string, never>; output: { simTimeMs: number; speed: number } };
  /** Changes the labels (group, owner, purpose, tags, expiry) of every machine listed; all or nothing. */
  labelMachines: { input: { ids: string[]; patch: LabelPatch }; output: Machine[] };
  /**
   * Many operations in one command, each checked and committed on its own; their changes come back as one batch (a
   * thousand machines starting is one change for every client, not a thousand).
   */
  batch: { input: { steps: BatchStep[] }; output: BatchOutcome[] };
  /** Test and diagnostics only: makes the worker throw outside any handler, as a real crash would. */
  crash: { input: { reason: string }; output: never };
}
export type EngineCommandName = keyof EngineCommands;
export type EngineInput<C extends EngineCommandName> = EngineCommands[C]['input'];
export type EngineOutput<C extends EngineCommandName> = EngineCommands[C]['output'];

export type EngineRequest<C extends EngineCommandName = EngineCommandName> = {
  kind: 'request';
  id: number;
  command: C;
  input: EngineInput<C>;
};

/** A reply carries what the command changed; a refused command changed nothing, so its reply carries nothing. */
export type EngineReply =
  | { kind: 'reply'; id: number; ok: true; value: unknown; changes?: EngineChanges }
  | { kind: 'reply'; id: number; ok: false; error: AppErrorData };

/** Unsolicited messages from the worker: what simulated time changed (state transitions, kills), and telemetry. */
export type EngineNotification =
  | { kind: 'ready' }
  | { kind: 'changes'; changes: EngineChanges }
  | { kind: 'telemetry'; batch: TelemetryBatch };

export type WorkerToMain = EngineReply | EngineNotification;
export type MainToWorker = EngineRequest;
