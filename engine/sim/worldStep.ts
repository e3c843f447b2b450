// The hot loop: one 100 ms step, pool by pool over contiguous slots: demand and costs, CPU shares, memory, accounting.
import { emulationCosts, processVmCosts } from '../mechanisms/eventCosts.ts';
import { noiseTauS, profileTable } from '../mechanisms/workloadProfiles.ts';
import { stepMs, stepS } from './clock.ts';
import { shareCpu } from './cpuScheduler.ts';
import { nextUnit } from './fastRng.ts';
import { DYN_DBT, DYN_JVM, F_CAPPED, F_HIDDEN, F_HOSTING, HOT_STRIDE, S_OFF, S_PAUSED, S_RUNNING, S_STARTING, S_STOPPING } from './guestArrays.ts';
import { F_HYPERCALLS, H_BURST, H_BURST_LEFT_S, H_C_DEMAND, H_C_RUN_S, H_C_TOUCHED, H_DEMAND, H_DYN } from './guestArrays.ts';
import { H_INTENSITY, H_IO_OPS, H_IO_PATH, H_IO_SERVED, H_LIMIT, H_NEED, H_NOISE, H_OVH_MIB, H_PER_VCPU, H_PER_WORK, H_STALL } from './guestArrays.ts';
import { powerOff, settle } from './lifecycle.ts';
import { P_ACTIVE, P_C_FORWARD, P_CONTROL_CORES, P_COUNT, P_DEDICATED, P_HOST, P_HOST_CORES, P_HOST_MIB, P_PARTITION_SLOT } from './poolColumns.ts';
import { P_PEAK_DEFICIT, P_PLATFORM_CORES, P_PLATFORM_MIB, P_RECLAIMED, P_START, P_STRIDE, P_USE_RESERVATIONS } from './poolColumns.ts';
import { reclaimMemory } from './memoryReclaim.ts';
import { trackTechniques } from './memoryEvents.ts';
import { settleIo } from './ioAccounting.ts';
import { scanSharedPages } from './pageSharing.ts';
import { advanceRuntime } from './runtimes.ts';
import { stepCluster } from './cluster/clusterStep.ts';
import { stepRing } from './ringBuffer.ts';
import { ioPaths } from './types.ts';
import { rebuildLayout } from './worldOrder.ts';
import type { WorldState } from './worldState.ts';

const IO_EMULATED = ioPaths.indexOf('emulated');
const IO_PARAVIRTUAL = ioPaths.indexOf('paravirtual');
const IO_CONTROL = ioPaths.indexOf('controlPartition');

const noiseDecay = Math.exp(-stepS / noiseTauS);
/** Scales a uniform(-1, 1) kick so the noise's stationary spread equals the profile's `noise`. */
const noiseKick = Math.sqrt((1 - noiseDecay * noiseDecay) * 3);
const burstEase = 1 - Math.exp(-stepS / 0.6);
const memoryEase = 1 - Math.exp(-stepS / 4);
/** Guest OSes fill this share of memory beyond the working set with page cache. */
const pageCacheShare = 0.5;
const bootLevel = 0.6;
const shutdownLevel = 0.25;
/** Working set added per unit of CPU level above the workload's baseline (a burst of +0.35 grows it by ~10 %). */
const activityMemory = 0.3;
/** Slowdown per unit of swapped fraction: hot pages fault in from disk and the vCPU waits for them. */
const swapPenalty = 20;
/** Slowdown per unit of working set a forced balloon pushes the guest to page out itself. */
const guestPagingPenalty = 5;

/** Slots per block: a block's data (~600 bytes a slot, ~600 KB) stays in the 1 MB L2 between its two sweeps. */
const blockSlots = 1024;

/**
 * Per-pool figures the demand sweep hands to the grant sweep (want, memory needed, capacity, overhead), by pool index.
 * A Float64Array, not fields on PoolRec: double fields on those records are boxed, so every store allocated a heap
 * number, per pool and step.
 */
const F_WANT = 0;
const F_NEED_MIB = 1;
const F_CAP_CORES = 2;
const F_CAP_MIB = 3;
const F_OVERHEAD_CORES = 4;
const figureCount = 5;
let figures = new Float64Array(0);

export function stepWorld(w: WorldState): void {
  if (w.layoutDirty) rebuildLayout(w);
  const end = w.nowMs + stepMs;
  const wholeSecond = end % 1000 === 0;
  if (figures.length < w.pools.length * figureCount) figures = new Float64Array(w.pools.length * figureCount * 2);
  // Two sweeps (demand, then grants and accounting), each walking its columns in slot order, which hardware
  // prefetchers follow far better than one sweep touching every column. They run block by block (about a thousand slots
  // of whole pools), so the grant sweep finds what the demand sweep touched still in cache: at 100,000 guests the
  // arrays are ~60 MB, and two sweeps over the whole world would read them from memory twice (measured: ~10 % faster).
  // Each sweep takes the columns out of the world once per block and then loops over the pools (a pool holds ~10-20
  // guests, so per-pool set-up would cost as much as the guests themselves).
  const poolCount = w.pools.length;
  const pc = w.poolColumns.f;
  for (let from = 0; from < poolCount; ) {
    let to = from;
    let slots = 0;
    while (to < poolCount && (to === from || slots + pc[to * P_STRIDE + P_COUNT]! <= blockSlots)) slots += pc[to++ * P_STRIDE + P_COUNT]!;
    stepDemand(w, end, from, to);
    stepGrants(w, end, wholeSecond, from, to);
    from = to;
  }
  w.nowMs = end;
  if (w.cluster.busy) stepCluster(w);
  if (wholeSecond) {
    settleIo(w.g, w.slotCount);
    w.seconds.take(w.g, w.slotCount, end);
  }
}

/** First sweep: settles transitions, then each guest's demand, memory and the CPU its work costs on its kind. */
function stepDemand(w: WorldState, end: number, fromPool: number, toPool: number): void {
  const g = w.g;
  const { state, flags, profile, vcpus, memMiB, hitMax, settleAtMs, touched, ws, want, warm, heapUsed, rng, shared, hot } = g;
  const { runS, dynShare, dynN, gcLeftS, ioMaxPerS } = g;
  const pc = w.poolColumns.f;
  for (let pi = fromPool; pi < toPool; pi++) {
    // This pool's fields in the pool columns start here.
    const q = pi * P_STRIDE;
    // `| 0`: the columns hold doubles; slot numbers must be integers or every array access in the loop converts them.
    const s = pc[q + P_START]! | 0;
    const e = (s + pc[q + P_COUNT]!) | 0;
    const partitionSlot = pc[q + P_PARTITION_SLOT]! | 0;

    // Capacity now: the hardware, or the partition while it runs.
    let capCores = 0;
    let capMiB = 0;
    if (partitionSlot < 0) {
      capCores = pc[q + P_HOST_CORES]!;
      capMiB = pc[q + P_HOST_MIB]!;
    } else if (state[partitionSlot] === S_RUNNING) {
      capCores = vcpus[partitionSlot]!;
      capMiB = memMiB[partitionSlot]!;
    }
    // The platform's own threads and memory are there as long as its machine runs, guests or not.
    const platformCores = pc[q + P_PLATFORM_CORES]!;
    const overheadCores = capCores > 0 ? platformCores : 0;
    capCores = capCores - platformCores - pc[q + P_CONTROL_CORES]!;
    if (capCores < 0) capCores = 0;
    capMiB = capMiB - pc[q + P_PLATFORM_MIB]!;
    if (capMiB < 0) capMiB = 0;

    // First pass: each guest's demand, memory and the CPU its work costs on this kind.
    let poolWant = 0;
    let needMiB = 0;
    for (let i = s; i < e; i++) {
      let st = state[i]!;
      if (st === S_OFF) continue;
      if ((st === S_STARTING || st === S_STOPPING) && settleAtMs[i]! <= end) {
        settle(w, i);
        st = state[i]!;
        if (st === S_OFF) continue;
      }
      const f = flags[i]!;
      // This slot's fields in the hot block start here.
      const o = i * HOT_STRIDE;
      if (st === S_PAUSED || (f & F_HOSTING) !== 0) {
        hot[o + H_DEMAND] = 0;
        hot[o + H_NEED] = 0;
        want[i] = 0;
        hot[o + H_IO_OPS] = 0;
        if ((f & F_HOSTING) !== 0) touched[i] = memMiB[i]!;
        needMiB += touched[i]! - shared[i]! + hot[o + H_OVH_MIB]!;
        continue;
      }
      const p = profileTable[profile[i]!]!;
      const u = nextUnit(rng, i);
      const nz = hot[o + H_NOISE]! * noiseDecay + p.noise * noiseKick * (2 * u - 1);
      hot[o + H_NOISE] = nz;
      let b = hot[o + H_BURST]!;
      if (p.burstPerS > 0) {
        let left = hot[o + H_BURST_LEFT_S]!;
        if (left > 0) left = left > stepS ? left - stepS : 0;
        else {
          const chance = p.burstPerS * stepS;
          const u2 = nextUnit(rng, i);
          // Given u2 < chance, u2 / chance is itself uniform: it picks the burst's length.
          if (u2 < chance) left = p.burstMinS + (p.burstMaxS - p.burstMinS) * (u2 / chance);
        }
        hot[o + H_BURST_LEFT_S] = left;
        b += ((left > 0 ? p.burstLevel : 0) - b) * burstEase;
        hot[o + H_BURST] = b;
      }
      const v = vcpus[i]!;
      const running = st === S_RUNNING;
      const intensity = hot[o + H_INTENSITY]!;
      let level = running ? (p.cpu + nz + b) * intensity : st === S_STARTING ? bootLevel : shutdownLevel;
      level = level < 0 ? 0 : level > 1 ? 1 : level;
      const wanted = level * v;
      // A guest waiting for swapped pages cannot use its vCPUs meanwhile.
      const d = wanted * hot[o + H_STALL]!;

      const m = memMiB[i]!;
      let wsM = p.ws;
      if (p.wsRampS > 0 && running) {
        const t = (runS[i] = runS[i]! + stepS);
        wsM = p.ws + (p.wsEnd - p.ws) * (t < p.wsRampS ? t / p.wsRampS : 1);
      }
      // Buffers and per-request allocations rise and fall with activity above the profile's baseline.
      if (running) wsM *= 1 + activityMemory * (level - p.cpu * intensity);
      wsM *= m;
      const dy = hot[o + H_DYN]!;
      if ((f & F_CAPPED) !== 0) {
        if (wsM > m) {
          const what = dy === DYN_JVM ? 'OutOfMemoryError: live data' : 'killed by the OOM killer: working set';
          powerOff(w, i, end, `${what} ${Math.ceil(wsM)} MiB exceeds its ${m} MiB limit`, 'runtime');
          continue;
        }
      } else if (wsM > 0.97 * m) wsM = 0.97 * m;
      ws[i] = wsM;
      let target = (f & (F_CAPPED | F_HIDDEN)) !== 0 ? wsM : wsM + pageCacheShare * (m - wsM);
      if (dy === DYN_JVM) target = (heapUsed[i]! > wsM ? heapUsed[i]! : wsM) + processVmCosts.overheadMiB;
      if (st === S_STOPPING) target = 0;
      const tch = touched[i]! + (target - touched[i]!) * memoryEase;
      touched[i] = tch;
      needMiB += tch - shared[i]! + hot[o + H_OVH_MIB]!;

      const ops = running ? d * (p.diskIopsPerCore + p.netPktsPerCore) : 0;
      // Physical CPU per core-second of work: events × costs (perWork), the warming runtime's instructions, timer ticks.
      let cost = hot[o + H_PER_WORK]!;
      let extra = 0;
      if (dy === DYN_DBT) {
        const h = warm[i]!;
        cost += dynShare[i]! * (h * dynN[i]! + (1 - h) * emulationCosts.dbtColdN);
      } else if (dy === DYN_JVM) {
        const j = warm[i]!;
        const factor = j * dynN[i]! + (1 - j) * processVmCosts.interpreterN;
        cost += dynShare[i]! * factor;
        // Compiler threads work while hot methods are still being compiled.
        extra = (processVmCosts.jitCompileCoreS * (hitMax[i]! - j) * d) / (factor * processVmCosts.jitWarmupCoreS);
        const pause = gcLeftS[i]!;
        if (pause > 0) extra += (pause < stepS ? pause / stepS : 1) * v;
      }
      const r = d * cost + v * hot[o + H_PER_VCPU]! + extra;
      hot[o + H_NEED] = r;
      const cap = hot[o + H_LIMIT]!;
      const wnt = r < cap ? r : cap;
      want[i] = wnt;
      poolWant += wnt;
      hot[o + H_DEMAND] = wanted;
      hot[o + H_IO_OPS] = ops;
      const path = hot[o + H_IO_PATH]!;
      if (path === IO_PARAVIRTUAL) hot[o + H_IO_SERVED] = stepRing(g, i, ops * stepS, ioMaxPerS[i]! * stepS);
      else if (path === IO_EMULATED) hot[o + H_IO_SERVED] = ops > ioMaxPerS[i]! ? ioMaxPerS[i]! / ops : 1;
      else hot[o + H_IO_SERVED] = 1;
    }
    const fig = pi * figureCount;
    figures[fig + F_WANT] = poolWant;
    figures[fig + F_NEED_MIB] = needMiB;
    figures[fig + F_CAP_CORES] = capCores;
    figures[fig + F_CAP_MIB] = capMiB;
    figures[fig + F_OVERHEAD_CORES] = overheadCores;
  }
}

/** Second sweep: CPU shares, memory reclaim, I/O forwarding, then every guest's accounting. */
function stepGrants(w: WorldState, end: number, wholeSecond: boolean, fromPool: number, toPool: number): void {
  const g = w.g;
  const { state, flags, profile, vcpus, touched, ws, want, granted, hot } = g;
  const { cGranted, cGuest, cReady, cUseful, cBalloon, cShared, cSwapped, pBalloon, pShared, pSwapped } = g;
  const { balloon, shared, swapped, cHostBusy, gcLeftS } = g;
  const pc = w.poolColumns.f;
  for (let pi = fromPool; pi < toPool; pi++) {
    const q = pi * P_STRIDE;
    const s = pc[q + P_START]! | 0;
    const count = pc[q + P_COUNT]! | 0;
    const e = s + count;
    const fig = pi * figureCount;
    const capCores = figures[fig + F_CAP_CORES]!;
    const capMiB = figures[fig + F_CAP_MIB]!;
    const needMiB = figures[fig + F_NEED_MIB]!;
    const overheadCores = figures[fig + F_OVERHEAD_CORES]!;

    // Uncontended pools (and type 0, where every core is dedicated) grant what is wanted.
    const dedicated = pc[q + P_DEDICATED] !== 0;
    const contended = !dedicated && figures[fig + F_WANT]! > capCores;
    if (contended) shareCpu(s, e, capCores, want, g.shares, g.reservation, pc[q + P_USE_RESERVATIONS] !== 0, granted);

    // Memory: identical pages are shared in the background; under pressure balloons, then hypervisor swapping.
    if (wholeSecond && count > 0) scanSharedPages(w, w.pools[pi]!);
    let deficit = needMiB - capMiB;
    if (deficit > 0 || pc[q + P_RECLAIMED] !== 0 || w.balloonFloors > 0) {
      let forced = 0;
      const { balloonFloor } = g;
      for (let i = s; i < e; i++) {
        balloon[i] = 0;
        swapped[i] = 0;
        const floor = balloonFloor[i]!;
        if (floor > 0 && state[i] !== S_OFF) {
          balloon[i] = floor < touched[i]! ? floor : touched[i]!;
          forced += balloon[i]!;
        }
      }
      deficit -= forced;
      if (deficit > 0 && !dedicated) reclaimMemory(g, s, count, deficit);
      pc[q + P_RECLAIMED] = deficit > 0 || forced > 0 ? 1 : 0;
    }
    if (deficit > pc[q + P_PEAK_DEFICIT]!) pc[q + P_PEAK_DEFICIT] = deficit;
    const reclaiming = pc[q + P_RECLAIMED] !== 0;

    // Partitions without their own device share the control partition's cores for I/O.
    let controlServed = 1;
    let controlBusy = 0;
    const controlCores = pc[q + P_CONTROL_CORES]!;
    if (controlCores > 0) {
      let forward = 0;
      for (let i = s; i < e; i++) if (hot[i * HOT_STRIDE + H_IO_PATH] === IO_CONTROL) forward += hot[i * HOT_STRIDE + H_IO_OPS]! * g.forwardCostS[i]!;
      if (forward > controlCores) controlServed = controlCores / forward;
      controlBusy = forward < controlCores ? forward : controlCores;
      pc[q + P_C_FORWARD] = pc[q + P_C_FORWARD]! + controlBusy * stepS;
    }

    let busy = 0;
    let guestWork = 0;
    let guestUseful = 0;
    let reclaimedMiB = 0;
    let totalBalloon = 0;
    let totalShared = 0;
    let totalSwapped = 0;
    for (let i = s; i < e; i++) {
      const st = state[i]!;
      if (st === S_OFF) continue;
      const o = i * HOT_STRIDE;
      const gr = contended ? granted[i]! : want[i]!;
      granted[i] = gr;
      busy += gr;
      cHostBusy[i] = cHostBusy[i]! + gr * stepS;
      const tch = touched[i]!;
      const sh = shared[i]!;
      let bl = 0;
      let sw = 0;
      if (reclaiming) {
        bl = balloon[i]!;
        sw = swapped[i]!;
      }
      // Shared pages are already out of needMiB (each guest counts touched − shared); only balloon and swap remain.
      reclaimedMiB += bl + sw;
      const f = flags[i]!;
      if ((f & F_HIDDEN) !== 0) continue;
      totalBalloon += bl;
      totalShared += sh;
      totalSwapped += sw;
      if (bl > 0 || sh > 0 || sw > 0) {
        cBalloon[i] = cBalloon[i]! + bl * stepS;
        cShared[i] = cShared[i]! + sh * stepS;
        cSwapped[i] = cSwapped[i]! + sw * stepS;
        if (bl > pBalloon[i]!) pBalloon[i] = bl;
        if (sh > pShared[i]!) pShared[i] = sh;
        if (sw > pSwapped[i]!) pSwapped[i] = sw;
      }
      hot[o + H_C_TOUCHED] = hot[o + H_C_TOUCHED]! + tch * stepS;
      // Boot and shutdown CPU counts for the host, not in the guest's running averages.
      if (st !== S_RUNNING || (f & F_HOSTING) !== 0) continue;
      const r = hot[o + H_NEED]!;
      const wanted = hot[o + H_DEMAND]!;
      const d = wanted * hot[o + H_STALL]!;
      const v = vcpus[i]!;
      cGranted[i] = cGranted[i]! + gr * stepS;
      const ready = (r < v ? r : v) - gr;
      if (ready > 0) cReady[i] = cReady[i]! + ready * stepS;
      const frac = r > 0 ? gr / r : 1;
      const work = d * frac;
      guestWork += work;
      cGuest[i] = cGuest[i]! + work * stepS;
      const p = profileTable[profile[i]!]!;
      // What slows the guest next step: swapped pages it faults on, and pages a forced balloon made it page out itself.
      let penalty = 1;
      if (sw > 0 && tch > 0) penalty = 1 / (1 + (swapPenalty * sw) / tch);
      if (bl > 0) {
        const spare = tch - ws[i]!;
        const over = spare > 0 ? bl - spare : bl;
        if (over > 0 && ws[i]! > 0) penalty /= 1 + (guestPagingPenalty * over) / ws[i]!;
      }
      hot[o + H_STALL] = penalty;
      const served = hot[o + H_IO_PATH] === IO_CONTROL ? hot[o + H_IO_SERVED]! * controlServed : hot[o + H_IO_SERVED]!;
      let pauseFrac = 0;
      const dy = hot[o + H_DYN]!;
      if (dy === DYN_JVM) {
        const left = gcLeftS[i]!;
        if (left > 0) {
          pauseFrac = left < stepS ? left / stepS : 1;
          gcLeftS[i] = left > stepS ? left - stepS : 0;
          // The same share of the granted CPU the first pass asked for the collector.
          g.cGcCpu[i] = g.cGcCpu[i]! + pauseFrac * v * frac * stepS;
        }
      }
      const useful = work * (1 - p.ioBound * (1 - served)) * (1 - pauseFrac);
      cUseful[i] = cUseful[i]! + useful * stepS;
      guestUseful += useful;
      hot[o + H_C_DEMAND] = hot[o + H_C_DEMAND]! + wanted * stepS;
      hot[o + H_C_RUN_S] = hot[o + H_C_RUN_S]! + stepS;
      if ((f & F_HYPERCALLS) !== 0) g.cHypercalls[i] = g.cHypercalls[i]! + (work * p.ptUpdatesPerCore * stepS) / g.hcBatch[i]!;
      if (dy === DYN_DBT || dy === DYN_JVM) advanceRuntime(w, i, dy === DYN_DBT, useful, p.allocMiBPerCore, end);
    }
    if (reclaiming || totalShared > 0 || pc[q + P_ACTIVE] !== 0) trackTechniques(w, pi, totalBalloon, totalShared, totalSwapped, needMiB, capMiB, end);
    const host = pc[q + P_HOST]! | 0;
    w.hostBusyS[host] = w.hostBusyS[host]! + (busy + overheadCores + controlBusy) * stepS;
    const ps = pc[q + P_PARTITION_SLOT]! | 0;
    if (ps < 0) {
      const platformMiB = capCores > 0 || overheadCores > 0 ? pc[q + P_PLATFORM_MIB]! : 0;
      w.hostMemS[host] = w.hostMemS[host]! + (needMiB - reclaimedMiB + platformMiB) * stepS;
    } else if (state[ps] === S_RUNNING) {
      // A partition hosting a platform shows the load of what runs inside it as its own CPU use.
      g.cGranted[ps] = g.cGranted[ps]! + (busy + overheadCores + controlBusy) * stepS;
      g.cGuest[ps] = g.cGuest[ps]! + guestWork * stepS;
      g.cUseful[ps] = g.cUseful[ps]! + guestUseful * stepS;
      hot[ps * HOT_STRIDE + H_C_RUN_S] = hot[ps * HOT_STRIDE + H_C_RUN_S]! + stepS;
    }
  }
}
