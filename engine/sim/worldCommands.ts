// Commands on guests (start/stop/pause/resume, live CPU and memory moves, balloon, workload) and life-cycle settling.
import { AppError } from '../../shared/errors.ts';
import { actionAllowedFrom, machineStateLabels, machineStates } from '../../shared/domain/machineState.ts';
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import { poolCapacity, reservedIn } from './capacity.ts';
import { checkDedicated, newVerdict } from './fitCheck.ts';
import { F_BALLOON, S_OFF, S_PAUSED, S_RUNNING, S_STARTING, S_STOPPING } from './guestArrays.ts';
import { workloadIndex } from './workloadProfiles.ts';
import type { WorkloadName } from './types.ts';
import type { GuestRec } from './worldModel.ts';
import type { SimWorld } from './world.ts';

const label = (w: SimWorld, slot: number) => machineStateLabels[machineStates[w.g.state[slot]!]!];

/** Runs `fn`; an AppError it throws is logged as a refusal for the guest before being rethrown. */
function guarded<T>(w: SimWorld, rec: GuestRec, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError) w.events.add(w.nowMs, w.hostNameOf(rec), rec.spec.name, 'refusal', error.message);
    throw error;
  }
}

function assertAllowed(w: SimWorld, rec: GuestRec, action: LifecycleAction): void {
  const state = machineStates[w.g.state[rec.slot]!]!;
  if (!actionAllowedFrom[action].includes(state)) {
    throw new AppError('INVALID_STATE', `Cannot ${action} "${rec.spec.name}": it is ${machineStateLabels[state]}`, 'state');
  }
}

function enter(w: SimWorld, rec: GuestRec, state: number, atMs: number, why: string): void {
  w.g.state[rec.slot] = state;
  w.events.add(atMs, w.hostNameOf(rec), rec.spec.name, 'state', `${machineStateLabels[machineStates[state]!]}${why ? `: ${why}` : ''}`);
  w.noteState(rec, atMs);
}

export function startGuest(w: SimWorld, name: string): void {
  const rec = w.guest(name);
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'start');
    const pool = w.pools[rec.pool]!;
    if (pool.partitionSlot >= 0 && w.g.state[pool.partitionSlot] !== S_RUNNING) {
      const partition = w.guests[pool.partitionSlot]!.spec.name;
      throw new AppError('INVALID_STATE', `Cannot start "${name}": partition "${partition}" it runs in is ${label(w, pool.partitionSlot)}; start the partition first`, 'state');
    }
    const platform = w.platforms[rec.platform]!;
    if (platform.features.dedicatedResources) {
      const verdict = newVerdict();
      checkDedicated(w, platform, rec.spec, rec.slot, verdict);
      const refusal = verdict.reasons[0];
      if (refusal) throw new AppError(refusal.code, refusal.message, refusal.field);
    }
    if (platform.features.reservations && rec.spec.reservationCores > 0) {
      const free = poolCapacity(w, pool).cores - reservedIn(w, rec.pool, rec.slot);
      if (rec.spec.reservationCores > free) {
        throw new AppError('INSUFFICIENT_RESOURCES', `Cannot start "${name}": it reserves ${rec.spec.reservationCores} cores but only ${Math.max(0, free).toFixed(1)} are unreserved`, 'reservationCores');
      }
    }
    rec.lastStartCmdMs = w.nowMs;
    w.g.settleAtMs[rec.slot] = w.nowMs + rec.startMs;
    enter(w, rec, S_STARTING, w.nowMs, `boots in ${formatMs(rec.startMs)}`);
  });
}

export function stopGuest(w: SimWorld, name: string): void {
  const rec = w.guest(name);
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'stop');
    w.g.settleAtMs[rec.slot] = w.nowMs + rec.stopMs;
    enter(w, rec, S_STOPPING, w.nowMs, `shuts down in ${formatMs(rec.stopMs)}`);
  });
}

export function pauseGuest(w: SimWorld, name: string): void {
  const rec = w.guest(name);
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'pause');
    enter(w, rec, S_PAUSED, w.nowMs, 'vCPUs descheduled, memory kept');
  });
}

export function resumeGuest(w: SimWorld, name: string): void {
  const rec = w.guest(name);
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'resume');
    enter(w, rec, S_RUNNING, w.nowMs, '');
  });
}

/** Finishes a transient state at exactly the time it was due. */
export function settle(w: SimWorld, slot: number): void {
  const rec = w.guests[slot]!;
  const due = w.g.settleAtMs[slot]!;
  if (w.g.state[slot] === S_STARTING) {
    rec.lastStartTookMs = due - rec.lastStartCmdMs;
    enter(w, rec, S_RUNNING, due, `started in ${formatMs(rec.lastStartTookMs)}`);
    if (rec.hostsPool >= 0) setHostProcesses(w, rec.hostsPool, S_RUNNING);
  } else if (w.g.state[slot] === S_STOPPING) {
    powerOff(w, slot, due, '');
  }
}

/** Powers a slot off now (shutdown done, killed, or its partition went away); a partition takes its guests with it. */
export function powerOff(w: SimWorld, slot: number, atMs: number, why: string, kind: 'state' | 'runtime' = 'state'): void {
  const rec = w.guests[slot]!;
  w.g.state[slot] = S_OFF;
  w.g.resetDynamic(slot);
  if (kind === 'state') enter(w, rec, S_OFF, atMs, why);
  else {
    w.events.add(atMs, w.hostNameOf(rec), rec.spec.name, 'runtime', `Powered Off: ${why}`);
    w.noteState(rec, atMs);
  }
  if (rec.hostsPool < 0) return;
  for (const guest of w.guests) {
    if (guest.pool !== rec.hostsPool || w.g.state[guest.slot] === S_OFF) continue;
    if (guest.hidden) {
      w.g.state[guest.slot] = S_OFF;
      w.g.resetDynamic(guest.slot);
    } else {
      powerOff(w, guest.slot, atMs, `partition "${rec.spec.name}" it ran in was powered off`);
    }
  }
}

function setHostProcesses(w: SimWorld, pool: number, state: number): void {
  for (const guest of w.guests) if (guest.hidden && guest.pool === pool) w.g.state[guest.slot] = state;
}

/**
 * Deletes a powered-off guest: it stops counting anywhere (pools, fit checks, metrics), its device and ports are
 * freed and its slot is cleared for reuse. Refused while it is not Powered Off or while a platform runs inside it.
 */
export function deleteGuest(w: SimWorld, name: string): void {
  const rec = w.guest(name);
  const state = w.g.state[rec.slot]!;
  if (state !== S_OFF) {
    const message = state === S_STOPPING ? `Wait for "${name}" to finish stopping before deleting it` : `Stop "${name}" before deleting it`;
    w.events.add(w.nowMs, w.hostNameOf(rec), name, 'refusal', message);
    throw new AppError('INVALID_STATE', message, 'state');
  }
  if (rec.hostsPool >= 0) {
    const inside = w.platforms.filter((p) => p.pool === rec.hostsPool).map((p) => `"${p.name}"`).join(', ');
    throw new AppError('INVALID_STATE', `Partition "${name}" runs platform ${inside}; it cannot be deleted while a platform is installed in it`, 'state');
  }
  const host = w.hosts[rec.host]!;
  if (rec.device) host.devicesFree += 1;
  for (const [port, owner] of host.ports) if (owner === name) host.ports.delete(port);
  if (w.g.balloonFloor[rec.slot]! > 0) w.balloonFloors -= 1;
  w.events.add(w.nowMs, host.model.name, name, 'config', 'Deleted');
  w.guestByName.delete(name);
  if (rec.id !== undefined) w.guestById.delete(rec.id);
  w.g.clearSlot(rec.slot);
  w.g.pool[rec.slot] = -1;
  w.seconds.clearSlot(rec.slot);
  // A tombstone keeps `guests` dense by slot; pool, platform and host -1 keep it out of every filter.
  w.guests[rec.slot] = { ...rec, id: undefined, pool: -1, platform: -1, host: -1, hidden: true, hostsPool: -1 };
  w.freeSlots.push(rec.slot);
  w.orderDirty = true;
}

/** Moves cores between two partitions of one type 0 platform; running partitions must be paravirtualized. */
export function moveCpu(w: SimWorld, from: string, to: string, count: number): void {
  moveBetween(w, from, to, count, 'cores');
}

export function moveMemory(w: SimWorld, from: string, to: string, mib: number): void {
  moveBetween(w, from, to, mib, 'memory');
}

function moveBetween(w: SimWorld, fromName: string, toName: string, amount: number, what: 'cores' | 'memory'): void {
  const from = w.guest(fromName);
  const to = w.guest(toName);
  guarded(w, from, () => {
    const platform = w.platforms[from.platform]!;
    if (platform.kind !== 'type0' || to.platform !== from.platform) {
      throw new AppError('VALIDATION', `Only partitions of the same type 0 platform can trade ${what}; "${fromName}" and "${toName}" are not`, 'to');
    }
    for (const rec of [from, to]) {
      if (w.g.state[rec.slot] !== S_OFF && !rec.spec.paravirtualized) {
        throw new AppError('INVALID_STATE', `"${rec.spec.name}" runs an unmodified OS: its ${what} can only change while it is Powered Off (a paravirtualized guest can take them live)`, 'state');
      }
    }
    const unit = what === 'cores' ? 'core' : 'MiB';
    const have = what === 'cores' ? from.spec.vcpus : from.spec.memoryMiB;
    const keep = what === 'cores' ? 1 : Math.max(64, Math.ceil(w.g.state[from.slot] === S_OFF ? 0 : w.g.ws[from.slot]! * 1.05));
    if (!(amount > 0) || have - amount < keep) {
      throw new AppError('VALIDATION', `"${fromName}" has ${have} ${unit}${have === 1 ? '' : 's'} and must keep at least ${keep}; it can give up to ${Math.max(0, have - keep)}`, 'count');
    }
    if (what === 'cores') {
      from.spec.vcpus -= amount;
      to.spec.vcpus += amount;
      for (const rec of [from, to]) {
        w.g.vcpus[rec.slot] = rec.spec.vcpus;
        w.g.limit[rec.slot] = rec.spec.vcpus;
      }
    } else {
      from.spec.memoryMiB -= amount;
      to.spec.memoryMiB += amount;
      for (const rec of [from, to]) w.g.memMiB[rec.slot] = rec.spec.memoryMiB;
    }
    const live = w.g.state[from.slot] !== S_OFF || w.g.state[to.slot] !== S_OFF ? ' live' : '';
    w.events.add(w.nowMs, w.hostNameOf(from), fromName, 'runtime', `Moved ${amount} ${unit}${amount === 1 ? '' : 's'}${live} to "${toName}"`);
    w.events.add(w.nowMs, w.hostNameOf(to), toName, 'runtime', `Received ${amount} ${unit}${amount === 1 ? '' : 's'}${live} from "${fromName}"`);
  });
}

/** An administrator inflates a guest's balloon to at least `mib` (0 lets the hypervisor decide again). */
export function setBalloon(w: SimWorld, name: string, mib: number): void {
  const rec = w.guest(name);
  guarded(w, rec, () => {
    if ((w.g.flags[rec.slot]! & F_BALLOON) === 0) {
      throw new AppError('VALIDATION', `"${name}" has no balloon driver on this platform`, 'balloonMiB');
    }
    if (mib < 0 || mib > rec.spec.memoryMiB) throw new AppError('VALIDATION', `Balloon must be between 0 and ${rec.spec.memoryMiB} MiB`, 'balloonMiB');
    if ((w.g.balloonFloor[rec.slot]! > 0) !== (mib > 0)) w.balloonFloors += mib > 0 ? 1 : -1;
    w.g.balloonFloor[rec.slot] = mib;
    w.events.add(w.nowMs, w.hostNameOf(rec), name, 'memory', `Balloon set to at least ${mib} MiB`);
  });
}

export function setWorkload(w: SimWorld, name: string, workload: WorkloadName, intensity: number): void {
  const rec = w.guest(name);
  rec.spec.workload = workload;
  rec.spec.intensity = intensity;
  w.g.profile[rec.slot] = workloadIndex(workload);
  w.g.intensity[rec.slot] = intensity;
  w.g.runS[rec.slot] = 0;
  w.events.add(w.nowMs, w.hostNameOf(rec), name, 'runtime', `Workload set to ${workload} ×${intensity}`);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
