// Warm-up of dynamic translators (DBT translation cache, JIT) and garbage collection of process VMs, per step.
import { emulationDefaults, processVmDefaults, stepS } from './costModel.ts';
import type { SimWorld } from './world.ts';

/**
 * After `useful` native-equivalent cores of work this step: the translation cache or JIT approaches its best
 * (more work done, faster warm-up), and a process VM's heap fills at the workload's allocation rate until a
 * collection pauses it for a time that grows with live data.
 */
export function advanceRuntime(w: SimWorld, i: number, translator: boolean, useful: number, allocMiBPerCore: number, atMs: number): void {
  const g = w.g;
  const before = g.warm[i]!;
  const max = g.hitMax[i]!;
  const warmup = translator ? emulationDefaults.dbtWarmupCoreS : processVmDefaults.jitWarmupCoreS;
  const step = (useful * stepS) / warmup;
  const after = before + (max - before) * (step < 1 ? step : 1);
  g.warm[i] = after;
  if (max > 0 && before < 0.9 * max && after >= 0.9 * max) w.onWarm(i, atMs, translator);
  if (translator) return;
  const heap = g.heapUsed[i]! + allocMiBPerCore * useful * stepS;
  if (heap < g.memMiB[i]!) {
    g.heapUsed[i] = heap;
    return;
  }
  const live = g.ws[i]!;
  const pause = (processVmDefaults.gcBaseMs + processVmDefaults.gcMsPerLiveMiB * live) / 1000;
  g.gcLeftS[i] = g.gcLeftS[i]! + pause;
  g.cGcPauses[i] = g.cGcPauses[i]! + 1;
  g.cGcPauseS[i] = g.cGcPauseS[i]! + pause;
  g.heapUsed[i] = live;
}
