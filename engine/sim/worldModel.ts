// Records the world keeps beside the hot arrays: hosts, platforms, resource pools and guests, addressed by id.
import type { KindModule } from '../kinds/kindModule.ts';
import type { HostModel, HostPower, PlatformInput, ResolvedGuest, SimPlatformKind } from './types.ts';

export interface HostRec {
  readonly model: HostModel;
  readonly id: string;
  readonly index: number;
  /** The pool of the bare hardware. */
  readonly pool: number;
  /** Dedicated I/O devices (a NIC and a disk controller) not yet given to a partition or passthrough guest. */
  devicesFree: number;
  nextIp: number;
  /** Published container ports → id of the guest publishing it. */
  readonly ports: Map<number, string>;
  /** Disk GiB of every guest defined on the host. */
  committedDiskGiB: number;
  /** On, off, in maintenance (runs its guests, accepts no new ones) or failed (lost power with its guests). */
  power: HostPower;
}

export interface PlatformRec {
  readonly id: string;
  name: string;
  readonly input: PlatformInput;
  readonly kind: SimPlatformKind;
  readonly module: KindModule;
  readonly index: number;
  readonly host: number;
  readonly pool: number;
  /** Platform this one is an application of (a host OS), or -1. */
  readonly parentPlatform: number;
  /** Partition this platform runs inside, or undefined. */
  readonly parentGuest: GuestRec | undefined;
  /** Guest standing for the host OS's own processes, or undefined. */
  hostProcesses: GuestRec | undefined;
  /** Whether guests run with hardware virtualization assist (VT-x/AMD-V) rather than binary translation. */
  readonly hwAssist: boolean;
  readonly controlCores: number;
  readonly controlMiB: number;
}

/** A set of cores and memory that guests compete for: a host's hardware or one type 0 partition (see PoolRecord). */
export interface PoolRec {
  readonly index: number;
  readonly host: number;
  /** Partition providing this pool, or undefined for the hardware. */
  readonly partition: GuestRec | undefined;
  /** Type 0 on the hardware: every guest owns its cores, nothing is shared or overcommitted. */
  dedicated: boolean;
  /** The platform owning the pool, or -1 while empty. */
  owner: number;
  useReservations: boolean;
  /** Cores and memory the platforms themselves keep (hypervisor, driver domain, control partition's memory). */
  platformCores: number;
  platformMiB: number;
  /** A host OS's own processes: kept out of the capacity offered to guests. */
  hostOsCores: number;
  hostOsMiB: number;
  /** Control partition cores forwarding I/O for partitions without their own device. */
  controlCores: number;
  /** Range of this pool's slots (the arrays are laid out pool by pool). */
  start: number;
  count: number;
  /** Every guest of the pool, host processes included. */
  readonly members: Set<GuestRec>;
  /** vCPUs and memory of every guest defined in the pool (powered off or not), host processes excluded. */
  committedVcpus: number;
  committedMiB: number;
  // Cumulative metrics.
  peakDeficit: number;
  cForward: number;
}

/** One guest; the object stays the same for the guest's whole life (its slot, placement and settings may change). */
export interface GuestRec {
  readonly id: string;
  /** A label: unique (case-insensitively) but free to change. */
  name: string;
  spec: ResolvedGuest;
  /** Key of the workload's random stream. */
  readonly seedKey: string;
  slot: number;
  platform: number;
  pool: number;
  host: number;
  readonly hidden: boolean;
  ip: string | undefined;
  /** Holds one of the host's physical devices (passthrough). */
  device: boolean;
  startMs: number;
  stopMs: number;
  /** Simulated time of the last start command, to report how long starting took. */
  lastStartCmdMs: number;
  lastStartTookMs: number;
  /** Simulated time the guest entered its current life-cycle state. */
  stateSinceMs: number;
  /** Pool this guest provides to a platform running inside it (type 0 partitions), or -1. */
  hostsPool: number;
  readonly createdAtMs: number;
  deleted: boolean;
  /** Powered off because its host failed, not on purpose (shown as Aborted until it starts again). */
  aborted: boolean;
  /**
   * Saved state: its memory was written to disk and it holds no CPU or memory (the hot arrays see it powered off);
   * starting it resumes from there.
   */
  saved: SavedState | undefined;
  /** What the event log says when a shutdown in progress ends ("SIGKILL after the 10 s grace period"). */
  stopEnding: string | undefined;
  /** Memory coming back from a saved state while it starts (MiB), or 0 for a normal boot. */
  restoringMiB: number;
}

export interface SavedState {
  readonly sizeMiB: number;
  readonly atMs: number;
}
