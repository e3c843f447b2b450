// A process VM's details: what it is (a process of its host OS), its heap limit and use, garbage-collection pauses and
// how far its JIT has warmed up. No disks or NICs: it uses the host OS's files and network stack.
import type { ProcessVmDetails } from '../../shared/domain/runtimeDetails.ts';
import type { SimWorld } from '../sim/world.ts';

export function processVmDetails(world: SimWorld, id: string, platformSettings: Readonly<Record<string, string | number | boolean>>): ProcessVmDetails {
  const guest = world.guest(id);
  const counters = world.runtimeCounters(id);
  const chain = world.platform(guest.platformId).chain;
  const running = guest.state !== 'PoweredOff';
  const pauses = Math.round(counters.gcPauses);
  const totalPauseMs = Math.round(counters.gcPauseS * 1000);
  const details: ProcessVmDetails = {
    shape: 'process',
    machineId: id,
    hostOs: (chain[chain.length - 2] ?? 'the host OS').replace(/^Host OS: /, ''),
    heapLimitMiB: guest.memoryMiB,
    heapUsedMiB: running ? Math.round(counters.heapUsedMiB) : 0,
    gc: { pauses, totalPauseMs, averagePauseMs: pauses > 0 ? Math.round((totalPauseMs / pauses) * 10) / 10 : 0 },
    jit: { enabled: platformSettings['jit'] !== false, warmPct: counters.warmMax > 0 ? Math.round((counters.warm / counters.warmMax) * 100) : 0 },
  };
  if (guest.lastStartTookMs >= 0) details.startTookMs = guest.lastStartTookMs;
  return details;
}
