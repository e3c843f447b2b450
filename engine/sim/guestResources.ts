// Run-time changes of a guest's resources: partitions trading or hot-plugging cores and memory, balloons, workloads.
import { AppError } from '../../shared/errors.ts';
import type { WorkloadName } from './types.ts';
import { checkPowerOnResources, Verdict } from './fitCheck.ts';
import { F_BALLOON, H_INTENSITY, H_LIMIT, H_OVH_MIB, S_OFF } from './guestArrays.ts';
import { applyCosts } from './guestSetup.ts';
import { settleIoSlot } from './ioAccounting.ts';
import { guarded } from './lifecycle.ts';
import { workloadIndex } from '../mechanisms/workloadProfiles.ts';
import type { GuestRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

/** Moves cores or memory between two partitions of one platform that trades resources; running ones must be paravirtualized. */
export function moveBetween(w: WorldState, from: GuestRec, to: GuestRec, amount: number, what: 'cores' | 'memory'): void {
  guarded(w, from, () => {
    const platform = w.platformOf(from);
    if (!platform.module.tradesResources || to.platform !== from.platform) {
      throw new AppError('VALIDATION', `Only partitions of the same type 0 platform can trade ${what}; "${from.name}" and "${to.name}" are not`, 'to');
    }
    for (const rec of [from, to]) {
      if (w.g.state[rec.slot] !== S_OFF && !platform.module.liveResize(rec.spec)) {
        throw new AppError('INVALID_STATE', `"${rec.name}" runs an unmodified OS: its ${what} can only change while it is Powered Off (a paravirtualized guest can take them live)`, 'state');
      }
    }
    const unit = what === 'cores' ? 'core' : 'MiB';
    const have = what === 'cores' ? from.spec.vcpus : from.spec.memoryMiB;
    const keep = what === 'cores' ? 1 : Math.max(64, Math.ceil(w.g.state[from.slot] === S_OFF ? 0 : w.g.ws[from.slot]! * 1.05));
    if (!(amount > 0) || have - amount < keep) {
      throw new AppError('VALIDATION', `"${from.name}" has ${have} ${unit}${have === 1 ? '' : 's'} and must keep at least ${keep}; it can give up to ${Math.max(0, have - keep)}`, 'count');
    }
    if (what === 'cores') {
      resize(w, from, from.spec.vcpus - amount, from.spec.memoryMiB);
      resize(w, to, to.spec.vcpus + amount, to.spec.memoryMiB);
    } else {
      resize(w, from, from.spec.vcpus, from.spec.memoryMiB - amount);
      resize(w, to, to.spec.vcpus, to.spec.memoryMiB + amount);
    }
    const live = w.g.state[from.slot] !== S_OFF || w.g.state[to.slot] !== S_OFF ? ' live' : '';
    w.logGuest(from, 'runtime', `Moved ${amount} ${unit}${amount === 1 ? '' : 's'}${live} to "${to.name}"`);
    w.logGuest(to, 'runtime', `Received ${amount} ${unit}${amount === 1 ? '' : 's'}${live} from "${from.name}"`);
  });
}

/** Throws the refusal hotPlug would give; changes nothing. */
export function checkHotPlug(w: WorldState, rec: GuestRec, vcpus: number, memoryMiB: number): void {
  const platform = w.platformOf(rec);
  if (!platform.module.liveResize(rec.spec)) throw new AppError('INVALID_STATE', `Power off "${rec.name}" to change its vCPUs or memory`, 'state');
  const verdict = new Verdict();
  checkPowerOnResources(w, platform, rec.name, { ...rec.spec, vcpus, memoryMiB }, rec, verdict);
  const refusal = verdict.refused;
  if (refusal) throw new AppError(refusal.code, refusal.message, refusal.field);
}

/**
 * Live change of a running partition's cores or memory from the firmware's free dedicated capacity; the guest's OS must be
 * partition-aware. Moves between two partitions use moveBetween instead.
 */
export function hotPlug(w: WorldState, rec: GuestRec, vcpus: number, memoryMiB: number): void {
  checkHotPlug(w, rec, vcpus, memoryMiB);
  const before = `${rec.spec.vcpus} cores, ${rec.spec.memoryMiB} MiB`;
  resize(w, rec, vcpus, memoryMiB);
  w.logGuest(rec, 'runtime', `Live change from ${before} to ${vcpus} cores, ${memoryMiB} MiB`);
}

/** Sets a guest's vCPUs and memory in its record, its pool's commitment and the hot arrays. */
function resize(w: WorldState, rec: GuestRec, vcpus: number, memoryMiB: number): void {
  const pool = w.poolOf(rec);
  pool.committedVcpus += vcpus - rec.spec.vcpus;
  pool.committedMiB += memoryMiB - rec.spec.memoryMiB;
  rec.spec = { ...rec.spec, vcpus, memoryMiB, limitCores: vcpus };
  w.g.vcpus[rec.slot] = vcpus;
  w.g.setHot(rec.slot, H_LIMIT, vcpus);
  w.g.memMiB[rec.slot] = memoryMiB;
  w.g.setHot(rec.slot, H_OVH_MIB, w.platformOf(rec).module.vmmOverheadMiB(memoryMiB));
}

/** An administrator inflates a guest's balloon to at least `mib` (0 lets the hypervisor decide again). */
export function setBalloon(w: WorldState, rec: GuestRec, mib: number): void {
  guarded(w, rec, () => {
    if ((w.g.flags[rec.slot]! & F_BALLOON) === 0) throw new AppError('VALIDATION', `"${rec.name}" has no balloon driver on this platform`, 'balloonMiB');
    if (mib < 0 || mib > rec.spec.memoryMiB) throw new AppError('VALIDATION', `Balloon must be between 0 and ${rec.spec.memoryMiB} MiB`, 'balloonMiB');
    if ((w.g.balloonFloor[rec.slot]! > 0) !== (mib > 0)) w.balloonFloors += mib > 0 ? 1 : -1;
    w.g.balloonFloor[rec.slot] = mib;
    w.logGuest(rec, 'memory', `Balloon set to at least ${mib} MiB`);
  });
}

/** What the guest runs changes its events per unit of work, so its cost terms are recomputed. */
export function setWorkload(w: WorldState, rec: GuestRec, workload: WorkloadName, intensity: number): void {
  // Work done so far did the old workload's I/O.
  settleIoSlot(w.g, rec.slot);
  rec.spec = { ...rec.spec, workload, intensity };
  w.g.profile[rec.slot] = workloadIndex(workload);
  w.g.setHot(rec.slot, H_INTENSITY, intensity);
  w.g.runS[rec.slot] = 0;
  applyCosts(w, rec);
  w.logGuest(rec, 'runtime', `Workload set to ${workload} ×${intensity}`);
}
