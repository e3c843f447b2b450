// Host power: on, off, maintenance, and failure (power lost: every guest on the host is aborted on the spot).
import { AppError } from '../../../shared/errors.ts';
import { hostPowerLabels } from '../../../shared/domain/datacenter.ts';
import type { HostPower } from '../../../shared/domain/datacenter.ts';
import { S_OFF, S_RUNNING } from '../guestArrays.ts';
import { noteState } from '../lifecycle.ts';
import type { GuestRec, HostRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';
import { endRun } from './clusterStep.ts';

export { hostRefusal } from './hostAdmission.ts';

/** Guests (visible ones) on the host, every pool included (partitions and what runs inside them). */
export function guestsOnHost(w: WorldState, host: HostRec): GuestRec[] {
  const out: GuestRec[] = [];
  for (const pool of w.pools) {
    if (pool.host !== host.index) continue;
    for (const rec of pool.members) if (!rec.hidden) out.push(rec);
  }
  return out;
}

/** Changes a working host's power: off (only once nothing runs there), on, into or out of maintenance. */
export function setHostPower(w: WorldState, host: HostRec, next: Exclude<HostPower, 'failed'>): void {
  const name = host.model.name;
  const from = host.power;
  if (from === next) return;
  if (next === 'off') {
    const running = guestsOnHost(w, host).filter((rec) => w.g.state[rec.slot] !== S_OFF);
    if (running.length > 0) {
      const names = running.slice(0, 3).map((rec) => `"${rec.name}"`).join(', ');
      throw new AppError('INVALID_STATE', `Host "${name}" still runs ${running.length === 1 ? 'a guest' : `${running.length} guests`} (${names}${running.length > 3 ? ', …' : ''}); migrate or stop them first`, 'hostId');
    }
    const moving = w.cluster.runs.find((run) => run.source.host === host.index || run.target.host === host.index);
    if (moving) throw new AppError('INVALID_STATE', `"${moving.rec.name}" is migrating to or from host "${name}"; wait for it to finish`, 'hostId');
    goDark(w, host, 'off');
    w.events.add(w.nowMs, host.id, undefined, 'datacenter', `Host "${name}" powered off`);
    return;
  }
  if (next === 'on' && (from === 'off' || from === 'failed')) {
    w.cluster.dark.delete(host.index);
    setHostProcesses(w, host, S_RUNNING, false);
    host.power = 'on';
    w.events.add(w.nowMs, host.id, undefined, 'datacenter', `Host "${name}" powered on${from === 'failed' ? ' (repaired)' : ''}`);
    return;
  }
  if (next === 'maintenance' && from !== 'on') throw new AppError('INVALID_STATE', `Host "${name}" is ${hostPowerLabels[from].toLowerCase()}; only a host that is on can enter maintenance`, 'hostId');
  if (next === 'on' && from !== 'maintenance') throw new AppError('INVALID_STATE', `Host "${name}" is ${hostPowerLabels[from].toLowerCase()}`, 'hostId');
  host.power = next;
  w.events.add(w.nowMs, host.id, undefined, 'datacenter', next === 'maintenance' ? `Host "${name}" entered maintenance mode: no new guests` : `Host "${name}" left maintenance mode`);
}

/**
 * Abrupt power loss: every guest running on the host is Aborted at once (never shut down), migrations from it end with
 * its guest, migrations towards it are cancelled (their guests carry on at the source), and the host goes dark.
 */
export function failHost(w: WorldState, host: HostRec): GuestRec[] {
  if (host.power === 'failed') throw new AppError('INVALID_STATE', `Host "${host.model.name}" has already failed`, 'hostId');
  if (host.power === 'off') throw new AppError('INVALID_STATE', `Host "${host.model.name}" is powered off; there is nothing to fail`, 'hostId');
  for (const run of [...w.cluster.runs]) {
    if (run.target.host === host.index) endRun(w, run, 'cancelled', `target host "${host.model.name}" failed`);
    else if (run.source.host === host.index) endRun(w, run, 'failed', `host "${host.model.name}" failed with the guest on it`);
  }
  const aborted = guestsOnHost(w, host).filter((rec) => w.g.state[rec.slot] !== S_OFF);
  for (const rec of aborted) {
    const slot = rec.slot;
    w.g.state[slot] = S_OFF;
    w.g.resetDynamic(slot);
    rec.aborted = true;
    w.logGuest(rec, 'state', `Aborted: host "${host.model.name}" lost power`);
    noteState(w, rec, w.nowMs);
  }
  goDark(w, host, 'failed');
  w.events.add(w.nowMs, host.id, undefined, 'datacenter', `Host "${host.model.name}" failed (power loss): ${aborted.length} guest${aborted.length === 1 ? '' : 's'} aborted`);
  return aborted;
}

function goDark(w: WorldState, host: HostRec, power: 'off' | 'failed'): void {
  setHostProcesses(w, host, S_OFF, true);
  host.power = power;
  w.cluster.dark.set(host.index, { busyS: w.hostBusyS[host.index]!, memS: w.hostMemS[host.index]! });
}

/**
 * A host OS's own processes run exactly while the hardware under them does; those inside a partition start again with
 * the partition, not with the host.
 */
function setHostProcesses(w: WorldState, host: HostRec, state: number, inPartitions: boolean): void {
  for (const pool of w.pools) {
    if (pool.host !== host.index || (pool.partition && !inPartitions)) continue;
    for (const rec of pool.members) {
      if (!rec.hidden) continue;
      if (state === S_OFF) w.g.resetDynamic(rec.slot);
      w.g.state[rec.slot] = state;
    }
  }
}
