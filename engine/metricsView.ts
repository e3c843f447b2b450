// A machine's last simulated second, with its CPU split by cause from the same cost terms the step charged.
import type { MachineMetrics } from '../shared/domain/machineMetrics.ts';
import { cpuFactors } from './sim/costModel.ts';
import { profileTable } from './sim/workloadProfiles.ts';
import type { GuestRec } from './sim/worldModel.ts';
import type { SimWorld } from './sim/world.ts';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Each step grants `frac` of what the guest needs: d·factor (execution) + ops·ioCost (I/O path) + d·ptRate·ptCost
 * (page-table updates) + JIT/GC threads. Guest work is d·frac, I/O ops are d·ioRate while running, so over the second
 * io = guestWork·ioRate·ioCost and page tables = guestWork·ptRate·ptCost exactly; GC is counted as it is granted;
 * what remains is the execution overhead (factor − 1 and JIT compiling), attributed by what causes it on this kind.
 */
export function breakdownOf(world: SimWorld, rec: GuestRec, granted: number, guestWork: number, gcCores: number): MachineMetrics['breakdown'] {
  const g = world.g;
  const i = rec.slot;
  const platform = world.platforms[rec.platform]!;
  const p = profileTable[g.profile[i]!]!;
  const io = guestWork * (p.diskIopsPerCore + p.netPktsPerCore) * g.ioCostS[i]!;
  const pageTables = guestWork * p.ptUpdatesPerCore * g.ptCostS[i]!;
  let rest = Math.max(0, granted - guestWork - io - pageTables - gcCores);
  let translation = 0;
  let hostOs = 0;
  let vmm = pageTables + gcCores;
  switch (platform.kind) {
    case 'emulator':
    case 'processVm':
      translation = rest;
      break;
    case 'containers':
      hostOs = rest;
      break;
    case 'type2':
      // A VMM that is an application pays the host OS for every exit, on top of what a bare-metal VMM pays.
      hostOs = Math.min(rest, guestWork * (cpuFactors.type2Assisted - cpuFactors.hwAssisted));
      rest -= hostOs;
      if (platform.hwAssist) vmm += rest;
      else translation = rest;
      break;
    case 'type1':
      if (platform.hwAssist) vmm += rest;
      else translation = rest;
      break;
    default:
      vmm += rest;
  }
  const parts = { guestWork: round4(guestWork), vmm: round4(vmm), translation: round4(translation), hostOs: round4(hostOs), io: round4(io) };
  // Rounding each part may leave a few 1e-4 over or under the rounded total; the guest's own work absorbs it.
  const drift = round4(granted) - (parts.guestWork + parts.vmm + parts.translation + parts.hostOs + parts.io);
  parts.guestWork = round4(Math.max(0, parts.guestWork + drift));
  return parts;
}

export function metricsOf(world: SimWorld, rec: GuestRec, machineId: string): MachineMetrics {
  const s = world.seconds.metrics(world.g, rec.slot);
  return {
    machineId,
    simTimeMs: world.seconds.atMs,
    cpu: { grantedCores: round4(s.cpuCores), guestCores: round4(s.guestCores), overheadCores: round4(s.overheadCores), readyPerVcpu: round4(s.readyPerVcpu) },
    breakdown: breakdownOf(world, rec, s.cpuCores, s.guestCores, s.gcCores),
    usefulCores: round4(s.usefulCores),
    memory: { usedMiB: Math.round(s.memoryUsedMiB), balloonedMiB: Math.round(s.balloonedMiB), sharedMiB: Math.round(s.sharedMiB), swappedMiB: Math.round(s.swappedMiB) },
    disk: { readMBps: round2(s.diskReadMB), writeMBps: round2(s.diskWriteMB) },
    net: { rxMBps: round2(s.netRxMB), txMBps: round2(s.netTxMB) },
  };
}
