// Turns a guest record into the per-slot constants of the hot loop: cost factors, I/O costs, capabilities.
import { kindFeatures, simOsIndex } from './catalogue.ts';
import {
  controlPartitionForwardUs,
  cpuFactors,
  dbtMaxHitRate,
  defaultHostInstrPerGuestInstr,
  emulatedMaxOpsPerS,
  emulationDefaults,
  hostedEmulationExtraUs,
  hypercallCostPerUpdateUs,
  ioCostUs,
  pageTableCosts,
  ringBackendMaxOpsPerS,
  ringServiceLatencyS,
  vmmOverheadMiB,
} from './costModel.ts';
import { seedSlot } from './fastRng.ts';
import { DYN_DBT, DYN_JVM, DYN_NONE, F_BALLOON, F_CAPPED, F_HIDDEN, F_SHARE, F_SWAP, S_OFF } from './guestArrays.ts';
import { hostProcessesProfile, workloadIndex } from './workloadProfiles.ts';
import { ioPaths } from './types.ts';
import type { GuestRec, PlatformRec } from './worldModel.ts';
import type { SimWorld } from './world.ts';

/** CPU seconds per second of native-equivalent guest work for guests of `platform` (before I/O and page tables). */
export function cpuFactorFor(platform: PlatformRec, nestedPaging: boolean): number {
  const tlb = nestedPaging ? cpuFactors.nestedPagingTlb : 0;
  switch (platform.kind) {
    case 'type0':
    case 'hostOs':
      return cpuFactors.native;
    case 'containers':
      return cpuFactors.container;
    case 'type1':
      return platform.hwAssist ? cpuFactors.hwAssisted + tlb : cpuFactors.binaryTranslation;
    case 'type1hosted':
      return cpuFactors.hosted + tlb;
    case 'type2':
      return platform.hwAssist ? cpuFactors.type2Assisted + tlb : cpuFactors.binaryTranslation;
    case 'paravirt':
      return cpuFactors.paravirtual;
    case 'emulator':
      return platform.input.hostInstrPerGuestInstr ?? defaultHostInstrPerGuestInstr(platform.input.mode ?? 'dbt');
    case 'processVm':
      return cpuFactors.native;
  }
}

/** Seconds of VMM CPU per guest page-table update. */
export function ptCostFor(platform: PlatformRec, nestedPaging: boolean, hypercallBatch: number): number {
  switch (platform.kind) {
    case 'paravirt':
      return hypercallCostPerUpdateUs(hypercallBatch) * 1e-6;
    case 'type1':
    case 'type1hosted':
    case 'type2':
      return platform.hwAssist && nestedPaging ? 0 : pageTableCosts.shadowUs * 1e-6;
    default:
      return 0;
  }
}

export function configureSlot(world: SimWorld, rec: GuestRec): void {
  const g = world.g;
  const i = rec.slot;
  const platform = world.platforms[rec.platform]!;
  const host = world.hosts[rec.host]!.model;
  const spec = rec.spec;
  const features = kindFeatures[platform.kind];
  g.state[i] = S_OFF;
  g.pool[i] = rec.pool;
  g.osIdx[i] = Math.max(0, simOsIndex(spec.os));
  g.profile[i] = rec.hidden ? hostProcessesProfile : workloadIndex(spec.workload);
  g.ioPath[i] = ioPaths.indexOf(spec.io);
  let flags = 0;
  if (rec.hidden) flags |= F_HIDDEN;
  else {
    if (features.ballooning && spec.balloonDriver) flags |= F_BALLOON;
    if (features.pageSharing) flags |= F_SHARE;
    if (features.swapping) flags |= F_SWAP;
    if (platform.kind === 'containers' || platform.kind === 'processVm') flags |= F_CAPPED;
  }
  g.flags[i] = flags;
  g.vcpus[i] = spec.vcpus;
  g.memMiB[i] = spec.memoryMiB;
  g.shares[i] = spec.shares;
  g.reservation[i] = features.reservations ? spec.reservationCores : 0;
  g.limit[i] = Math.min(spec.limitCores, spec.vcpus);
  g.intensity[i] = spec.intensity;
  g.baseFactor[i] = cpuFactorFor(platform, host.nestedPaging);
  const mode = platform.input.mode ?? 'dbt';
  g.dyn[i] = platform.kind === 'processVm' ? DYN_JVM : platform.kind === 'emulator' && mode === 'dbt' ? DYN_DBT : DYN_NONE;
  g.emuN[i] = g.baseFactor[i]!;
  g.hitMax[i] =
    platform.kind === 'processVm' ? (platform.input.jit === false ? 0 : 1) : dbtMaxHitRate(platform.input.translationCacheMiB ?? emulationDefaults.translationCacheMiB);
  const hostedApp = platform.kind === 'type2' || platform.kind === 'emulator';
  g.ioCostS[i] = (ioCostUs[spec.io] + (hostedApp && spec.io === 'emulated' ? hostedEmulationExtraUs : 0)) * 1e-6;
  g.ptCostS[i] = ptCostFor(platform, host.nestedPaging, spec.hypercallBatch);
  g.hcBatch[i] = platform.kind === 'paravirt' ? Math.max(1, Math.floor(spec.hypercallBatch)) : 0;
  g.forwardCostS[i] = spec.io === 'controlPartition' ? controlPartitionForwardUs * 1e-6 : 0;
  g.ringSize[i] = spec.ringSize;
  g.ioMaxPerS[i] =
    spec.io === 'emulated' ? emulatedMaxOpsPerS : spec.io === 'paravirtual' ? Math.min(ringBackendMaxOpsPerS, spec.ringSize / ringServiceLatencyS) : 1e12;
  g.ovhMiB[i] = rec.hidden ? 0 : vmmOverheadMiB(platform.kind, spec.memoryMiB);
  g.balloonFloor[i] = 0;
  g.settleAtMs[i] = 0;
  seedSlot(g.rng, i, world.seed, `workload:${rec.input.seedKey ?? spec.name}`);
  g.resetDynamic(i);
}
