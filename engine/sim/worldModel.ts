// Records the world keeps beside the hot arrays: hosts, platforms, resource pools and guests with resolved settings.
import type { KindFeatures } from './catalogue.ts';
import type { GuestInput, HostModel, IoPath, PlatformInput, SimPlatformKind, WorkloadName } from './types.ts';

export interface HostRec {
  readonly model: HostModel;
  readonly index: number;
  /** The pool of the bare hardware. */
  readonly pool: number;
  /** Dedicated I/O devices (a NIC and a disk controller) not yet given to a partition or passthrough guest. */
  devicesFree: number;
  nextIp: number;
  /** Published container ports → container name. */
  readonly ports: Map<number, string>;
}

export interface PlatformRec {
  readonly input: PlatformInput;
  readonly name: string;
  readonly kind: SimPlatformKind;
  readonly features: KindFeatures;
  readonly index: number;
  readonly host: number;
  readonly pool: number;
  /** Platform this one is an application of (a host OS), or -1. */
  readonly parentPlatform: number;
  /** Partition slot this platform runs inside, or -1. */
  readonly parentGuest: number;
  /** Slot standing for the host OS's own processes, or -1. */
  hiddenSlot: number;
  /** Whether guests run with hardware virtualization assist (VT-x/AMD-V) rather than binary translation. */
  readonly hwAssist: boolean;
  /** Hardware → ... → this platform, human-readable. */
  readonly chain: readonly string[];
  readonly controlCores: number;
  readonly controlMiB: number;
}

/** A set of cores and memory that guests compete for: a host's hardware or one type 0 partition. */
export interface PoolRec {
  readonly index: number;
  readonly host: number;
  /** Partition providing this pool, or -1 for the hardware. */
  readonly partitionSlot: number;
  /** Type 0 on the hardware: every guest owns its cores, nothing is shared or overcommitted. */
  dedicated: boolean;
  /** The bare-metal platform owning the pool, or -1 while empty. */
  bareMetal: number;
  useReservations: boolean;
  /** Whether any guest had memory reclaimed last step (so the values must be recomputed or cleared). */
  reclaimed: boolean;
  platformCores: number;
  platformMiB: number;
  /** Control partition cores forwarding I/O for partitions without their own device. */
  controlCores: number;
  /** Range of this pool's slots in the world's slot order. */
  start: number;
  count: number;
  /** Reclaim techniques currently active (bit 0 balloon, 1 sharing, 2 swapping) and quiet-step counters. */
  active: number;
  readonly quietSteps: Int32Array;
  // Cumulative metrics.
  cCapS: number;
  cBusyS: number;
  cMemNeed: number;
  cMemCap: number;
  peakDeficit: number;
  cForward: number;
}

export interface ResolvedGuest {
  readonly name: string;
  readonly platform: string;
  readonly os: string;
  vcpus: number;
  memoryMiB: number;
  readonly diskGiB: number;
  workload: WorkloadName;
  intensity: number;
  readonly shares: number;
  readonly reservationCores: number;
  readonly limitCores: number;
  readonly io: IoPath;
  readonly ringSize: number;
  readonly hypercallBatch: number;
  readonly paravirtualized: boolean;
  readonly balloonDriver: boolean;
  readonly ports: readonly number[];
}

export interface GuestRec {
  /** Stable id from the backend; undefined for scenario guests, host-process slots and deleted slots. */
  readonly id: string | undefined;
  readonly spec: ResolvedGuest;
  readonly input: GuestInput;
  readonly slot: number;
  readonly platform: number;
  readonly pool: number;
  readonly host: number;
  readonly hidden: boolean;
  readonly ip: string | undefined;
  readonly device: boolean;
  readonly startMs: number;
  readonly stopMs: number;
  /** Simulated time of the last start command, to report how long starting took. */
  lastStartCmdMs: number;
  lastStartTookMs: number;
  /** Simulated time the guest entered its current life-cycle state. */
  stateSinceMs: number;
  /** Pool this guest provides to a platform running inside it (type 0 partitions), or -1. */
  hostsPool: number;
}
