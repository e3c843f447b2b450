// The one interface every kind of virtualization implements: placement, admission, memory, I/O, costs, life cycle, settings.
import type { KindDescription } from '../../shared/domain/kinds.ts';
import type { PlatformKind } from '../../shared/domain/virtualization.ts';
import type { ArchEvent } from '../mechanisms/archEvents.ts';
import type { EventHandling } from '../mechanisms/mechanisms.ts';
import type { SimOs } from '../sim/catalogue.ts';
import type { HostModel, IoPath, PlatformInput, ResolvedGuest, TranslationMode } from '../sim/types.ts';
import type { PowerRules } from './powerRules.ts';

/** Where a platform runs: bare hardware, inside a guest of another platform, or on another platform (as an application). */
export type PlacementSite = 'hardware' | 'guest' | 'platform';

/** What a kind module is told about a platform of its kind (or a parent platform). */
export interface PlatformFacts {
  readonly kind: PlatformKind;
  readonly module: KindModule;
  readonly name: string;
  readonly input: PlatformInput;
  readonly host: HostModel;
  /** Guests run with VT-x/AMD-V rather than binary translation. */
  readonly hwAssist: boolean;
  /** Kernel of the host OS this platform is an application of (containers must match it). */
  readonly hostKernel: string | undefined;
}

/** A new platform asking to run somewhere; both its own module and its parent's may refuse. */
export interface PlacementRequest {
  readonly child: KindModule;
  readonly childInput: PlatformInput;
  readonly site: PlacementSite;
  readonly host: HostModel;
  /** For site "guest": the guest it would run inside. */
  readonly guestName?: string;
  /** For sites "guest" and "platform": the platform the guest belongs to, or the platform it runs on. */
  readonly parent?: PlatformFacts;
}

/** Why a platform cannot be placed; VALIDATION on field "on" unless said otherwise. */
export interface PlacementRefusal {
  readonly message: string;
  readonly code?: 'VALIDATION' | 'INSUFFICIENT_RESOURCES';
  readonly field?: string;
}

/** Collects refusals and warnings with the field they are about; the fit check turns them into a verdict. */
export interface VerdictSink {
  refuse(code: 'VALIDATION' | 'CONFLICT' | 'INSUFFICIENT_RESOURCES' | 'INVALID_STATE', field: string, message: string): void;
  warn(field: string, message: string): void;
}

/** How each architecture event of a guest is handled on a platform of this kind, and what it costs. */
export type MechanismTable = Readonly<Record<ArchEvent, EventHandling>>;

/** Instruction execution whose cost changes as a translator or JIT warms up. */
export type DynamicRuntime = 'none' | 'dbt' | 'jit';

export interface MigrationRule {
  /** How a running guest of this kind moves: pre-copy live migration, checkpoint/restore, or not at all. */
  readonly live: 'precopy' | 'checkpointRestore' | 'none';
  /** Said when `live` is "none". */
  readonly why?: string;
}

export interface KindModule {
  readonly kind: PlatformKind;
  /** What the UI shows and offers for this kind; the renderer asks for these instead of knowing kinds (the registry adds where it installs). */
  readonly description: Omit<KindDescription, 'installable'>;

  // ── Placement and nesting ──
  /** Sites a platform of this kind may be installed on. */
  readonly runsOn: readonly PlacementSite[];
  /** Owns the hardware (or partition) it runs on: at most one such platform per machine. */
  readonly ownsMachine: boolean;
  /** Applications (type 2 VMMs, emulators, process VMs, containers) may run on it: it is or includes a host OS. */
  readonly runsApplications: boolean;
  /** Its guests may themselves host a platform (firmware partitions). */
  readonly guestsHostPlatforms: boolean;
  /** This kind's own objection to being placed as requested (a missing hardware feature, an unsuitable site). */
  refusePlacement?(request: PlacementRequest): PlacementRefusal | undefined;
  /** This kind's objection, as the parent, to a platform running in one of its guests or on it. */
  refuseChild?(request: PlacementRequest): string | undefined;
  /** Whether guests use hardware assist on this host. */
  hardwareAssist(host: HostModel, input: PlatformInput): boolean;

  // ── Resources ──
  readonly acceptsGuests: boolean;
  /** Guests own dedicated cores and memory while powered on (no sharing, no overcommit). */
  readonly dedicatedResources: boolean;
  readonly reservations: boolean;
  readonly memory: { readonly ballooning: boolean; readonly pageSharing: boolean; readonly swapping: boolean };
  /** The guest is killed (OOM killer, OutOfMemoryError) when its working set exceeds its memory, instead of paging. */
  readonly memoryCap: boolean;
  /** Cores the platform's own threads burn (hypervisor housekeeping, driver domain). */
  readonly platformCores: number;
  /** Memory the platform keeps for itself. */
  platformMemoryMiB(input: PlatformInput): number;
  /** A host OS's own processes, competing with guests (cores wanted, memory resident); undefined when none. */
  hostProcesses?(input: PlatformInput): { readonly cores: number; readonly memoryMiB: number };
  /** Cores and memory of a control partition that owns shared I/O devices. */
  controlPartition?(input: PlatformInput): { readonly cores: number; readonly memoryMiB: number };
  /** Guests get an address on the host's container bridge network (they have no virtual NIC of their own). */
  readonly bridgeAddress: boolean;
  /** Per-guest VMM memory (page tables, device state). */
  vmmOverheadMiB(memoryMiB: number): number;

  // ── Guests ──
  /** Fills omitted guest settings with this kind's defaults. */
  defaults(host: HostModel, devicesFree: number): GuestDefaults;
  /** I/O paths this kind offers its guests. */
  readonly ioPaths: readonly IoPath[];
  /** Kind-specific admission rules for a guest's OS, ISA and settings. */
  admit(guest: ResolvedGuest, os: SimOs | undefined, platform: PlatformFacts, out: VerdictSink): void;
  /** Warnings about the platform itself shown with every fit check (no hardware assist, no nested paging...). */
  platformWarnings?(platform: PlatformFacts, out: VerdictSink): void;
  /** A running guest can change vCPUs and memory live (partition-aware OS on firmware partitions). */
  liveResize(guest: ResolvedGuest): boolean;
  /** Partitions of one platform can trade cores and memory. */
  readonly tradesResources: boolean;

  // ── Costs ──
  mechanisms(platform: PlatformFacts, guest: ResolvedGuest): MechanismTable;
  readonly dynamicRuntime: (platform: PlatformFacts) => DynamicRuntime;
  /** Simulated start and stop times; `slowdown` is how much slower than native the guest's kernel runs. */
  lifecycleMs(slowdown: number): { readonly startMs: number; readonly stopMs: number };

  // ── Moves ──
  readonly migration: MigrationRule;

  // ── Power ──
  /** How its guests shut down (and whether they may ignore it), power off, reset and save their state. */
  readonly power: PowerRules;

  // ── Presentation ──
  /** Kind-specific settings worth showing next to the platform in the Hosts view. */
  platformSettings(platform: PlatformFacts): Record<string, string | number | boolean>;
}

export interface GuestDefaults {
  readonly os: string;
  memoryMiB(os: string): number;
  readonly diskGiB: number;
  readonly io: IoPath;
  paravirtualized(os: SimOs | undefined): boolean;
}

/** Re-exported for kind modules: the emulator's two modes. */
export type { TranslationMode };
