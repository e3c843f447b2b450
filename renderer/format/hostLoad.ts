// One CPU and memory figure per host: derived from the live per-core activity, so the header and the core panel agree.
import type { Host } from '../../shared/domain/host.ts';
import type { HostActivity } from '../../shared/domain/telemetry.ts';

export interface HostLoad {
  cpuPct: number;
  memoryPct: number;
}

/** The host's CPU as the mean of the per-core figures the core panel draws (each core 0..100 %). */
export function activityCpuPct(activity: HostActivity): number {
  const cores = activity.coreUtilisation;
  if (cores.length === 0) return 0;
  let busy = 0;
  for (const core of cores) busy += Math.min(1, Math.max(0, core));
  return (100 * busy) / cores.length;
}

/**
 * What the host's header shows. The live activity is polled every second while the card is on screen, whereas the host
 * list is only refreshed when machines change, so its figure is only the stand-in until the first poll answers.
 */
export function hostLoad(host: Host, activity: HostActivity | undefined): HostLoad {
  if (!activity) return { cpuPct: host.utilisation.cpuPct, memoryPct: host.utilisation.memoryPct };
  const physical = Math.max(1, activity.memory.physicalMiB);
  return { cpuPct: activityCpuPct(activity), memoryPct: Math.min(100, (100 * activity.memory.usedMiB) / physical) };
}
