// The hot loop: one 100 ms step of every guest (demand, costs, I/O), then per pool CPU shares, memory reclaim and metrics.
import { ioPaths } from './types.ts';
import { emulationDefaults, processVmDefaults, stepMs, stepS } from './costModel.ts';
import { shareCpu } from './cpuScheduler.ts';
import { nextUnit } from './fastRng.ts';
import { DYN_DBT, DYN_JVM, F_CAPPED, F_HIDDEN, F_HOSTING, S_OFF, S_PAUSED, S_RUNNING, S_STARTING, S_STOPPING } from './guestArrays.ts';
import { reclaimMemory } from './memoryReclaim.ts';
import { trackTechniques } from './memoryEvents.ts';
import { advanceRuntime } from './runtimes.ts';
import { stepRing } from './ringBuffer.ts';
import { noiseTauS, profileTable } from './workloadProfiles.ts';
import { powerOff, settle } from './worldCommands.ts';
import type { SimWorld } from './world.ts';

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
/** Slowdown per unit of swapped fraction (hot pages fault from disk). */
const swapPenalty = 20;
/** Slowdown per unit of working set a forced balloon pushes the guest to page out itself. */
const guestPagingPenalty = 5;

export function stepWorld(w: SimWorld): void {
  if (w.orderDirty) w.rebuildOrder();
  const g = w.g;
  const n = w.slotCount;
  const end = w.nowMs + stepMs;
  const { state, flags, profile, dyn, vcpus, memMiB, intensity, baseFactor, ioCostS, ptCostS, ioMaxPerS, emuN, hitMax, settleAtMs } = g;
  const { noise, burst, burstLeftS, runS, touched, ws, demand, need, want, limit, ioOps, ioServed, warm, heapUsed, gcLeftS, ioPath, rng } = g;

  const poolWant = w.poolWant;
  const poolNeedMiB = w.poolNeedMiB;
  const slotPool = g.pool;
  poolWant.fill(0);
  poolNeedMiB.fill(0);
  for (let i = 0; i < n; i++) {
    let st = state[i]!;
    if (st === S_OFF) continue;
    if ((st === S_STARTING || st === S_STOPPING) && settleAtMs[i]! <= end) {
      settle(w, i);
      st = state[i]!;
      if (st === S_OFF) continue;
    }
    const f = flags[i]!;
    if (st === S_PAUSED || (f & F_HOSTING) !== 0) {
      demand[i] = 0;
      need[i] = 0;
      want[i] = 0;
      ioOps[i] = 0;
      if ((f & F_HOSTING) !== 0) touched[i] = memMiB[i]!;
      poolNeedMiB[slotPool[i]!] = poolNeedMiB[slotPool[i]!]! + touched[i]! + g.ovhMiB[i]!;
      continue;
    }
    const p = profileTable[profile[i]!]!;
    const u = nextUnit(rng, i);
    const nz = noise[i]! * noiseDecay + p.noise * noiseKick * (2 * u - 1);
    noise[i] = nz;
    let b = burst[i]!;
    if (p.burstPerS > 0) {
      let left = burstLeftS[i]!;
      if (left > 0) left = left > stepS ? left - stepS : 0;
      else {
        const chance = p.burstPerS * stepS;
        const u2 = nextUnit(rng, i);
        // Given u2 < chance, u2 / chance is itself uniform: it picks the burst's length.
        if (u2 < chance) left = p.burstMinS + (p.burstMaxS - p.burstMinS) * (u2 / chance);
      }
      burstLeftS[i] = left;
      b += ((left > 0 ? p.burstLevel : 0) - b) * burstEase;
      burst[i] = b;
    }
    const v = vcpus[i]!;
    const running = st === S_RUNNING;
    let level = running ? (p.cpu + nz + b) * intensity[i]! : st === S_STARTING ? bootLevel : shutdownLevel;
    level = level < 0 ? 0 : level > 1 ? 1 : level;
    const d = level * v;

    const m = memMiB[i]!;
    let wsM = p.ws;
    if (p.wsRampS > 0 && running) {
      const t = (runS[i] = runS[i]! + stepS);
      wsM = p.ws + (p.wsEnd - p.ws) * (t < p.wsRampS ? t / p.wsRampS : 1);
    }
    wsM *= m;
    const dy = dyn[i]!;
    if ((f & F_CAPPED) !== 0) {
      if (wsM > m) {
        const what = dy === DYN_JVM ? 'OutOfMemoryError: live data' : 'killed by the OOM killer: working set';
        powerOff(w, i, end, `${what} ${Math.ceil(wsM)} MiB exceeds its ${m} MiB limit`, 'runtime');
        continue;
      }
    } else if (wsM > 0.97 * m) wsM = 0.97 * m;
    ws[i] = wsM;
    let target = (f & (F_CAPPED | F_HIDDEN)) !== 0 ? wsM : wsM + pageCacheShare * (m - wsM);
    if (dy === DYN_JVM) target = (heapUsed[i]! > wsM ? heapUsed[i]! : wsM) + processVmDefaults.overheadMiB;
    if (st === S_STOPPING) target = 0;
    const tch = touched[i]! + (target - touched[i]!) * memoryEase;
    touched[i] = tch;
    const pl = slotPool[i]!;
    poolNeedMiB[pl] = poolNeedMiB[pl]! + tch + g.ovhMiB[i]!;

    const ops = running ? d * (p.diskIopsPerCore + p.netPktsPerCore) : 0;
    let factor = baseFactor[i]!;
    let extra = 0;
    if (dy === DYN_DBT) {
      const h = warm[i]!;
      factor = h * emuN[i]! + (1 - h) * emulationDefaults.dbtColdN;
    } else if (dy === DYN_JVM) {
      const j = warm[i]!;
      factor = j * processVmDefaults.jitN + (1 - j) * processVmDefaults.interpreterN;
      // Compiler threads work while hot methods are still being compiled.
      extra = (processVmDefaults.jitCompileCoreS * (hitMax[i]! - j) * d) / (factor * processVmDefaults.jitWarmupCoreS);
      const pause = gcLeftS[i]!;
      if (pause > 0) extra += (pause < stepS ? pause / stepS : 1) * v;
    }
    const r = d * factor + ops * ioCostS[i]! + d * p.ptUpdatesPerCore * ptCostS[i]! + extra;
    need[i] = r;
    const cap = limit[i]!;
    const wnt = r < cap ? r : cap;
    want[i] = wnt;
    poolWant[pl] = poolWant[pl]! + wnt;
    demand[i] = d;
    ioOps[i] = ops;
    const path = ioPath[i]!;
    if (path === IO_PARAVIRTUAL) ioServed[i] = stepRing(g, i, ops * stepS, ioMaxPerS[i]! * stepS);
    else if (path === IO_EMULATED) ioServed[i] = ops > ioMaxPerS[i]! ? ioMaxPerS[i]! / ops : 1;
    else ioServed[i] = 1;
  }

  for (let pi = 0; pi < w.pools.length; pi++) {
    const pool = w.pools[pi]!;
    if (pool.count > 0) stepPool(w, pi, end);
  }
  w.nowMs = end;
  if (end % 1000 === 0) w.seconds.take(g, n, end);
}

function stepPool(w: SimWorld, pi: number, end: number): void {
  const g = w.g;
  const pool = w.pools[pi]!;
  const order = w.order;
  const s = pool.start;
  const e = s + pool.count;
  const { state, flags, profile, dyn, vcpus, memMiB, need, want, granted, demand, touched, ws, balloon, shared, swapped, balloonFloor } = g;
  const { ioServed, ioPath, ioOps, forwardCostS, gcLeftS, hcBatch } = g;
  const { cGranted, cGuest, cReady, cUseful, cDemand, cRunS, cTouched, cBalloon, cShared, cSwapped, pBalloon, pShared, pSwapped } = g;
  const { cDiskRead, cDiskWrite, cNetRx, cNetTx, cHypercalls } = g;

  // Capacity now: the hardware, or the partition while it runs.
  let capCores: number;
  let capMiB: number;
  if (pool.partitionSlot < 0) {
    const host = w.hosts[pool.host]!.model;
    capCores = host.cores;
    capMiB = host.memoryMiB;
  } else if (state[pool.partitionSlot] === S_RUNNING) {
    capCores = vcpus[pool.partitionSlot]!;
    capMiB = memMiB[pool.partitionSlot]!;
  } else {
    capCores = 0;
    capMiB = 0;
  }
  const overheadCores = capCores > 0 ? pool.platformCores : 0;
  capCores = Math.max(0, capCores - pool.platformCores - pool.controlCores);
  capMiB = Math.max(0, capMiB - pool.platformMiB);

  // Uncontended pools (and type 0, where every core is dedicated) grant what is wanted in the final pass.
  const contended = !pool.dedicated && w.poolWant[pi]! > capCores;
  if (contended) shareCpu(order, s, pool.count, capCores, want, g.shares, g.reservation, pool.useReservations, granted);

  // Memory: what the pool's guests touch (summed in the first pass), against what it has.
  const needMiB = w.poolNeedMiB[pi]!;
  let deficit = needMiB - capMiB;
  if (deficit > 0 || pool.reclaimed || w.balloonFloors > 0) {
    let forced = 0;
    for (let k = s; k < e; k++) {
      const i = order[k]!;
      balloon[i] = 0;
      shared[i] = 0;
      swapped[i] = 0;
      const floor = balloonFloor[i]!;
      if (floor > 0 && state[i] !== S_OFF) {
        balloon[i] = floor < touched[i]! ? floor : touched[i]!;
        forced += balloon[i]!;
      }
    }
    deficit -= forced;
    if (deficit > 0 && !pool.dedicated) reclaimMemory(g, order, s, pool.count, deficit, w.imageMiB, w.osScratch);
    pool.reclaimed = deficit > 0 || forced > 0;
  }
  if (deficit > pool.peakDeficit) pool.peakDeficit = deficit;
  const reclaiming = pool.reclaimed;

  // Partitions without their own device share the control partition's cores for I/O.
  let controlServed = 1;
  let controlBusy = 0;
  if (pool.controlCores > 0) {
    let forward = 0;
    for (let k = s; k < e; k++) {
      const i = order[k]!;
      if (ioPath[i] === IO_CONTROL) forward += ioOps[i]! * forwardCostS[i]!;
    }
    if (forward > pool.controlCores) controlServed = pool.controlCores / forward;
    controlBusy = forward < pool.controlCores ? forward : pool.controlCores;
    pool.cForward += controlBusy * stepS;
  }

  let busy = 0;
  let reclaimedMiB = 0;
  let totalBalloon = 0;
  let totalShared = 0;
  let totalSwapped = 0;
  for (let k = s; k < e; k++) {
    const i = order[k]!;
    const st = state[i]!;
    if (st === S_OFF) continue;
    const gr = contended ? granted[i]! : want[i]!;
    granted[i] = gr;
    busy += gr;
    g.cHostBusy[i] = g.cHostBusy[i]! + gr * stepS;
    const tch = touched[i]!;
    let bl = 0;
    let sw = 0;
    if (reclaiming) {
      bl = balloon[i]!;
      const sh = shared[i]!;
      sw = swapped[i]!;
      reclaimedMiB += bl + sh + sw;
      totalBalloon += bl;
      totalShared += sh;
      totalSwapped += sw;
      if ((flags[i]! & F_HIDDEN) === 0) {
        cBalloon[i] = cBalloon[i]! + bl * stepS;
        cShared[i] = cShared[i]! + sh * stepS;
        cSwapped[i] = cSwapped[i]! + sw * stepS;
        if (bl > pBalloon[i]!) pBalloon[i] = bl;
        if (sh > pShared[i]!) pShared[i] = sh;
        if (sw > pSwapped[i]!) pSwapped[i] = sw;
      }
    }
    if ((flags[i]! & F_HIDDEN) !== 0) continue;
    cTouched[i] = cTouched[i]! + tch * stepS;
    if (st === S_PAUSED || (flags[i]! & F_HOSTING) !== 0) continue;
    const r = need[i]!;
    const d = demand[i]!;
    const v = vcpus[i]!;
    // Boot and shutdown CPU counts for the host, not in the guest's running averages.
    if (st !== S_RUNNING) continue;
    cGranted[i] = cGranted[i]! + gr * stepS;
    const ready = (r < v ? r : v) - gr;
    if (ready > 0) cReady[i] = cReady[i]! + ready * stepS;
    const frac = r > 0 ? gr / r : 1;
    cGuest[i] = cGuest[i]! + d * frac * stepS;
    const p = profileTable[profile[i]!]!;
    let penalty = 1;
    if (sw > 0 && tch > 0) penalty = 1 / (1 + (swapPenalty * sw) / tch);
    if (bl > 0) {
      // A balloon bigger than the guest's free pages makes it page out part of its working set itself.
      const spare = tch - ws[i]!;
      const over = spare > 0 ? bl - spare : bl;
      if (over > 0 && ws[i]! > 0) penalty /= 1 + (guestPagingPenalty * over) / ws[i]!;
    }
    const served = ioPath[i] === IO_CONTROL ? ioServed[i]! * controlServed : ioServed[i]!;
    let pauseFrac = 0;
    const dy = dyn[i]!;
    if (dy === DYN_JVM) {
      const left = gcLeftS[i]!;
      if (left > 0) {
        pauseFrac = left < stepS ? left / stepS : 1;
        gcLeftS[i] = left > stepS ? left - stepS : 0;
        // The same share of the granted CPU the first pass asked for the collector.
        g.cGcCpu[i] = g.cGcCpu[i]! + pauseFrac * v * frac * stepS;
      }
    }
    const useful = d * frac * penalty * (1 - p.ioBound * (1 - served)) * (1 - pauseFrac);
    cUseful[i] = cUseful[i]! + useful * stepS;
    cDemand[i] = cDemand[i]! + d * stepS;
    cRunS[i] = cRunS[i]! + stepS;
    const diskOps = useful * p.diskIopsPerCore * stepS;
    cDiskRead[i] = cDiskRead[i]! + (diskOps * p.readFraction * p.blockKiB) / 1024;
    cDiskWrite[i] = cDiskWrite[i]! + (diskOps * (1 - p.readFraction) * p.blockKiB) / 1024;
    const netBytes = useful * p.netPktsPerCore * stepS * p.pktBytes;
    cNetRx[i] = cNetRx[i]! + (netBytes * 0.4) / 1e6;
    cNetTx[i] = cNetTx[i]! + (netBytes * 0.6) / 1e6;
    if (hcBatch[i]! > 0) cHypercalls[i] = cHypercalls[i]! + (d * frac * p.ptUpdatesPerCore * stepS) / hcBatch[i]!;
    if (dy === DYN_DBT || dy === DYN_JVM) advanceRuntime(w, i, dy === DYN_DBT, useful, p.allocMiBPerCore, end);
  }
  if (reclaiming || pool.active !== 0) trackTechniques(w, pi, totalBalloon, totalShared, totalSwapped, needMiB, capMiB, end);
  pool.cCapS += capCores * stepS;
  pool.cBusyS += busy * stepS;
  pool.cMemNeed += needMiB * stepS;
  pool.cMemCap += capMiB * stepS;
  w.hostBusyS[pool.host] = w.hostBusyS[pool.host]! + (busy + overheadCores + controlBusy) * stepS;
  if (pool.partitionSlot < 0) w.hostMemS[pool.host] = w.hostMemS[pool.host]! + (needMiB - reclaimedMiB + pool.platformMiB) * stepS;
}
