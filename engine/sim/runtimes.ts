// Warm-up of dynamic translators (DBT translation cache, JIT) and garbage collection of process VMs, per step.
import { emulationCosts, processVmCosts } from '../mechanisms/eventCosts.ts';
import { stepS } from './clock.ts';
import { formatMs } from './formatMs.ts';
import type { WorldState } from './worldState.ts';

/**
 * After `useful` native-equivalent cores of work this step: the translation cache or JIT approaches its best
 * (more work done, faster warm-up), and a process VM's heap fills at the workload's allocation rate until a
 * collection pauses it for a time that grows with live data.
 */
export function advanceRuntime(w: WorldState, i: number, translator: boolean, useful: number, allocMiBPerCore: number, atMs: number): void {
  const g = w.g;
  const before = g.warm[i]!;
  const max = g.hitMax[i]!;
  const warmup = translator ? emulationCosts.dbtWarmupCoreS : processVmCosts.jitWarmupCoreS;
  const step = (useful * stepS) / warmup;
  const after = before + (max - before) * (step < 1 ? step : 1);
  g.warm[i] = after;
  if (max > 0 && before < 0.9 * max && after >= 0.9 * max) logWarm(w, i, atMs, translator);
  if (translator) return;
  const heap = g.heapUsed[i]! + allocMiBPerCore * useful * stepS;
  if (heap < g.memMiB[i]!) {
    g.heapUsed[i] = heap;
    return;
  }
  const live = g.ws[i]!;
  const pause = (processVmCosts.gcBaseMs + processVmCosts.gcMsPerLiveMiB * live) / 1000;
  g.gcLeftS[i] = g.gcLeftS[i]! + pause;
  g.cGcPauses[i] = g.cGcPauses[i]! + 1;
  g.cGcPauseS[i] = g.cGcPauseS[i]! + pause;
  g.heapUsed[i] = live;
}

/** A translation cache or JIT reached 90 % of its best. */
function logWarm(w: WorldState, slot: number, atMs: number, translation: boolean): void {
  const rec = w.guests[slot]!;
  const rate = Math.round(w.g.warm[slot]! * 100);
  const what = translation
    ? `Translation cache warm: ${rate}% of guest code runs from translated blocks${w.g.hitMax[slot]! < 0.9 ? ' (the most this cache size allows)' : ''}`
    : `JIT warm: ${rate}% of hot methods compiled`;
  w.logGuest(rec, 'runtime', `${what} ${formatMs(atMs - rec.lastStartCmdMs)} after start`, atMs);
}
