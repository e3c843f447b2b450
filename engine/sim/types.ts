// Model vocabulary of the simulation: hosts, platforms and guests as requested (addressed by id), and verdicts.
import type { FitReason as SharedFitReason } from '../../shared/domain/fitCheck.ts';
import type { Isa, PlatformKind, WorkloadName as SharedWorkloadName } from '../../shared/domain/virtualization.ts';

// The shared contract owns the vocabulary; the sim re-exports it under the names its modules use.
export { isas as simIsas, platformKinds, workloadNames } from '../../shared/domain/virtualization.ts';
export type SimIsa = Isa;
export type SimPlatformKind = PlatformKind;
export type WorkloadName = SharedWorkloadName;

/** How a guest's device I/O reaches the hardware; each path has its own CPU cost and throughput limit. */
export const ioPaths = ['native', 'emulated', 'paravirtual', 'passthrough', 'controlPartition'] as const;
export type IoPath = (typeof ioPaths)[number];

export const hostOsNames = ['linux', 'windows', 'macos', 'bsd'] as const;
export type HostOsName = (typeof hostOsNames)[number];

export const translationModes = ['interpreter', 'dbt'] as const;
export type TranslationMode = (typeof translationModes)[number];

export interface HostInput {
  /** Stable identity; the name when omitted (scenario files). */
  readonly id?: string;
  /** A label: it can change without touching the simulation. */
  readonly name: string;
  readonly isa?: SimIsa;
  readonly cores?: number;
  readonly memoryMiB?: number;
  readonly storageGiB?: number;
  /** VT-x / AMD-V: lets a VMM run guests without binary translation. */
  readonly vtx?: boolean;
  /** EPT / NPT: hardware walks guest page tables, so no shadow page tables. */
  readonly nestedPaging?: boolean;
  /** Physical I/O devices that can be dedicated to a partition or passed through to one guest. */
  readonly nics?: number;
  readonly diskControllers?: number;
}
export type HostModel = Required<HostInput>;

export type { HostPower } from '../../shared/domain/datacenter.ts';

/**
 * Where a platform runs, by id: directly on a host's hardware, inside a guest (a type 0 partition), or on another
 * platform (applications such as type 2 VMMs, emulators, process VMs and containers need a host OS).
 */
export type PlatformParent = { readonly host: string } | { readonly guest: string } | { readonly platform: string };

export interface PlatformInput {
  readonly id?: string;
  readonly name: string;
  readonly kind: SimPlatformKind;
  readonly on: PlatformParent;
  /** hostOs / type1hosted: which OS kernel (containers must match it). */
  readonly os?: HostOsName;
  /** hostOs / type1hosted: cores the OS's own processes want (they compete with guests). */
  readonly hostLoadCores?: number;
  /** type2: whether the user running the VMM has administrative privileges (needed for hardware assist). */
  readonly admin?: boolean;
  /** emulator: interpreter or dynamic binary translation. */
  readonly mode?: TranslationMode;
  /** emulator: host instructions per guest instruction (interpreter) or once translated (DBT). */
  readonly hostInstrPerGuestInstr?: number;
  /** emulator (DBT): translation cache size; a cache smaller than the guest's code caps the hit rate. */
  readonly translationCacheMiB?: number;
  /** type0: the control partition that owns shared I/O devices. */
  readonly controlPartition?: { readonly cores: number; readonly memoryMiB: number };
  /** processVm: false runs bytecode interpreted only (like -Xint). */
  readonly jit?: boolean;
}

export interface GuestInput {
  /** Stable id (the backend's UUID); the name when omitted (scenario files). */
  readonly id?: string;
  readonly name: string;
  /** Id of the platform it runs on. */
  readonly platform: string;
  /** Guest OS id from the sim OS catalogue (decides ISA, kernel and shareable image pages). */
  readonly os?: string;
  readonly vcpus?: number;
  /** Configured memory; for a process VM this is the heap limit. */
  readonly memoryMiB?: number;
  readonly diskGiB?: number;
  readonly workload?: WorkloadName;
  /** Random stream key for the workload (default: the guest's id); guests sharing a key see identical demand. */
  readonly seedKey?: string;
  /** Multiplies the workload's CPU and I/O demand (1 = the profile as described). */
  readonly intensity?: number;
  readonly shares?: number;
  readonly reservationCores?: number;
  readonly limitCores?: number;
  readonly io?: IoPath;
  /** Paravirtual ring size in slots (power of two). */
  readonly ringSize?: number;
  /** Page-table updates per hypercall for paravirtualized guests. */
  readonly hypercallBatch?: number;
  /** The guest OS knows it is virtualized/partitioned (needed for live CPU and memory moves on type 0). */
  readonly paravirtualized?: boolean;
  readonly balloonDriver?: boolean;
  /** Container ports published on the host address. */
  readonly ports?: readonly number[];
  /** Simulated time the machine was created (kept across restores); now when omitted. */
  readonly createdAtMs?: number;
}

/** A guest's settings with every default filled in. */
export interface ResolvedGuest {
  readonly os: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly workload: WorkloadName;
  readonly intensity: number;
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

export type Severity = 'ok' | 'warning' | 'refused';

export type FitReason = Readonly<SharedFitReason>;

/** Explained answer to "can this guest go there?", shown by the wizard before creating. */
export interface FitVerdict {
  readonly verdict: Severity;
  readonly reasons: readonly FitReason[];
  /** Actions that would make room, e.g. "powering off lpar-a would free 2 cores". */
  readonly wouldFree: readonly string[];
  /** The nesting chain from hardware to the guest, e.g. ["hardware atlas", "type 0 lpars", ...]. */
  readonly chain: readonly string[];
}

export type SimEventKind = 'state' | 'refusal' | 'memory' | 'runtime' | 'config' | 'datacenter';

export interface SimEvent {
  readonly atMs: number;
  /** Id of the host the event happened on. */
  readonly hostId: string;
  /** Id of the guest or platform the event concerns; undefined for host-wide events. */
  readonly subjectId: string | undefined;
  /** Label of the subject at the time of the event. */
  readonly subject: string | undefined;
  /** Id of the guest the event concerns, when it is about a guest. */
  readonly guestId: string | undefined;
  readonly kind: SimEventKind;
  readonly message: string;
}
