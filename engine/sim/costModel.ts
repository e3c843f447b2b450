// Overhead formulas per kind of virtualization: CPU factors, page-table update costs, I/O path costs, boot times.
import type { IoPath, SimPlatformKind, TranslationMode } from './types.ts';

/** Fixed simulation step; every rate below is per second and multiplied by this. */
export const stepMs = 100;
export const stepS = stepMs / 1000;

/**
 * Physical CPU seconds a kind needs per second of native-equivalent guest work, before I/O and page tables.
 * Hardware-assisted VMs exit to the VMM only on sensitive events; binary translation rewrites kernel code.
 */
export const cpuFactors = {
  native: 1,
  container: 1.005,
  hwAssisted: 1.02,
  hosted: 1.03,
  type2Assisted: 1.05,
  binaryTranslation: 1.35,
  paravirtual: 1.02,
  /** Extra TLB-miss cost of two-dimensional page walks with nested paging. */
  nestedPagingTlb: 0.01,
} as const;

/** Microseconds of VMM CPU per page-table update. */
export const pageTableCosts = {
  /** Trap + shadow page table sync (binary translation or no nested paging). */
  shadowUs: 2.5,
  /** Entering the hypervisor once per hypercall. */
  hypercallEntryUs: 2.0,
  /** Validating one update inside a batched hypercall. */
  hypercallPerUpdateUs: 0.15,
} as const;

/** Cost per update when a paravirtualized guest batches `batch` page-table updates per hypercall. */
export function hypercallCostPerUpdateUs(batch: number): number {
  const b = Math.max(1, Math.floor(batch));
  return (pageTableCosts.hypercallEntryUs + pageTableCosts.hypercallPerUpdateUs * b) / b;
}

/** Microseconds of VMM (guest-side) CPU per I/O operation on each path. */
export const ioCostUs: Readonly<Record<IoPath, number>> = {
  native: 0,
  emulated: 30,
  paravirtual: 5,
  passthrough: 1,
  controlPartition: 12,
};
/** Extra cost when an emulated device lives in a user-space VMM on a host OS (syscalls both ways). */
export const hostedEmulationExtraUs = 15;
/** CPU the control partition spends forwarding one operation of a partition without its own device. */
export const controlPartitionForwardUs = 8;
/** Operations per second one emulated device model can serve. */
export const emulatedMaxOpsPerS = 25_000;
/** Requests stay in a paravirtual ring this long, so a ring of R slots serves at most R / latency per second. */
export const ringServiceLatencyS = 0.002;
/** Driver-domain backend limit per guest regardless of ring size. */
export const ringBackendMaxOpsPerS = 250_000;

export const emulationDefaults = {
  interpreterN: 10,
  dbtWarmN: 2.5,
  /** Host instructions per guest instruction the first time a block is met (translate, then run). */
  dbtColdN: 40,
  /** Native-equivalent core-seconds of guest execution after which most hot code is translated. */
  dbtWarmupCoreS: 2,
  translationCacheMiB: 64,
  /** Code the guest's hot paths touch; a smaller cache keeps evicting translations. */
  guestCodeFootprintMiB: 32,
} as const;

export function defaultHostInstrPerGuestInstr(mode: TranslationMode): number {
  return mode === 'interpreter' ? emulationDefaults.interpreterN : emulationDefaults.dbtWarmN;
}

/** Highest translation-cache hit rate reachable with a cache of this size. */
export function dbtMaxHitRate(cacheMiB: number): number {
  return 0.99 * Math.min(1, cacheMiB / emulationDefaults.guestCodeFootprintMiB);
}

/** Effective host instructions per guest instruction at translation-cache hit rate `hit`. */
export function dbtEffectiveN(hit: number, warmN: number): number {
  return hit * warmN + (1 - hit) * emulationDefaults.dbtColdN;
}

export const processVmDefaults = {
  /** Bytecode interpreter cost relative to compiled code. */
  interpreterN: 12,
  jitN: 1.1,
  /** Native-equivalent core-seconds of execution after which most hot methods are compiled. */
  jitWarmupCoreS: 3,
  /** Total CPU the JIT compiler threads spend compiling the hot methods. */
  jitCompileCoreS: 1.5,
  /** Young-generation collection: fixed cost plus tracing what survives (proportional to live data). */
  gcBaseMs: 5,
  gcMsPerLiveMiB: 0.05,
  /** Metaspace, code cache and thread stacks on top of the heap. */
  overheadMiB: 120,
} as const;

/** Memory each platform keeps for itself in the pool it runs in. */
export const platformMemoryMiB: Readonly<Record<SimPlatformKind, number>> = {
  type0: 256,
  type1: 1024,
  type1hosted: 1536,
  hostOs: 2048,
  type2: 200,
  paravirt: 1024,
  emulator: 100,
  processVm: 0,
  containers: 64,
};

/** Cores the platform itself burns (hypervisor housekeeping, driver domain); host processes are a separate slot. */
export const platformCores: Readonly<Record<SimPlatformKind, number>> = {
  type0: 0,
  type1: 0.1,
  type1hosted: 0,
  hostOs: 0,
  type2: 0.05,
  paravirt: 0.25,
  emulator: 0,
  processVm: 0,
  containers: 0.01,
};

/** Per-guest memory the VMM needs for its own structures (page tables, device state). */
export function vmmOverheadMiB(kind: SimPlatformKind, memoryMiB: number): number {
  if (kind === 'containers' || kind === 'processVm' || kind === 'type0' || kind === 'hostOs') return 0;
  return 24 + memoryMiB * 0.01;
}

/** Simulated start and stop durations: firmware partitions boot slowest, containers are only processes. */
export function lifecycleTimes(kind: SimPlatformKind, cpuFactor: number): { startMs: number; stopMs: number } {
  switch (kind) {
    case 'containers':
      return { startMs: 120, stopMs: 50 };
    case 'processVm':
      return { startMs: 600, stopMs: 100 };
    case 'type0':
      return { startMs: 25_000, stopMs: 5000 };
    case 'emulator':
      // The guest OS boot itself runs through the translator.
      return { startMs: Math.round(8000 * Math.max(1, cpuFactor / 2)), stopMs: 3000 };
    default:
      return { startMs: Math.round(8000 * cpuFactor), stopMs: 3000 };
  }
}
