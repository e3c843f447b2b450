// Changing a guest's configuration while Powered Off, and renaming it at any time (a name is only a label).
import { AppError } from '../../shared/errors.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import { findSimOs } from './catalogue.ts';
import { fitCheck } from './fitCheck.ts';
import { S_OFF } from './guestArrays.ts';
import { configureSlot } from './guestSetup.ts';
import { joinPool, leavePool } from './placement.ts';
import type { FitVerdict, GuestInput, ResolvedGuest } from './types.ts';
import type { GuestRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export interface GuestPatch {
  readonly os?: string;
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  readonly diskGiB?: number;
  readonly paravirtualized?: boolean;
}

/** A patch with what follows from it: a new OS brings its kind's default for a partition-aware kernel. */
function completed(w: WorldState, rec: GuestRec, patch: GuestPatch): GuestPatch {
  if (patch.os === undefined || patch.paravirtualized !== undefined) return patch;
  const host = w.hostOf(rec);
  const defaults = w.platformOf(rec).module.defaults(host.model, host.devicesFree);
  return { ...patch, paravirtualized: defaults.paravirtualized(findSimOs(patch.os)) };
}

/** The guest's settings as a request, with a patch applied: what a fit check of the changed guest needs. */
export function inputOf(w: WorldState, rec: GuestRec, requested: GuestPatch = {}): GuestInput {
  const patch = completed(w, rec, requested);
  const spec = rec.spec;
  return {
    id: rec.id,
    name: rec.name,
    platform: w.platformOf(rec).id,
    os: patch.os ?? spec.os,
    vcpus: patch.vcpus ?? spec.vcpus,
    memoryMiB: patch.memoryMiB ?? spec.memoryMiB,
    diskGiB: patch.diskGiB ?? spec.diskGiB,
    workload: spec.workload,
    intensity: spec.intensity,
    shares: spec.shares,
    reservationCores: spec.reservationCores,
    limitCores: patch.vcpus ?? spec.limitCores,
    io: spec.io,
    ringSize: spec.ringSize,
    hypercallBatch: spec.hypercallBatch,
    paravirtualized: patch.paravirtualized ?? spec.paravirtualized,
    balloonDriver: spec.balloonDriver,
    ports: spec.ports,
  };
}

/** The fit check of the guest as the patch would leave it (its own resources do not count against it). */
export function checkPatch(w: WorldState, rec: GuestRec, patch: GuestPatch): FitVerdict {
  return fitCheck(w, inputOf(w, rec, patch), { except: rec });
}

/** Applies a patch to a Powered Off guest: same slot, id and random stream, new per-slot constants. */
export function reconfigureGuest(w: WorldState, rec: GuestRec, patch: GuestPatch): void {
  if (w.g.state[rec.slot] !== S_OFF) throw new AppError('INVALID_STATE', `Power off "${rec.name}" to change its configuration`, 'state');
  const defined = Object.fromEntries(Object.entries(completed(w, rec, patch)).filter(([, value]) => value !== undefined)) as Partial<ResolvedGuest>;
  leavePool(w, rec);
  rec.spec = { ...rec.spec, ...defined, limitCores: defined.vcpus ?? rec.spec.limitCores };
  joinPool(w, rec);
  if (w.g.balloonFloor[rec.slot]! > 0) w.balloonFloors -= 1;
  configureSlot(w, rec);
}

/** Renames a guest; refused when another guest has the name (case-insensitively). */
export function renameGuest(w: WorldState, rec: GuestRec, name: string): void {
  const trimmed = name.trim();
  const holder = w.guestByNameKey.get(machineNameKey(trimmed));
  if (holder && holder !== rec) throw new AppError('CONFLICT', `A guest named "${trimmed}" already exists`, 'name');
  if (trimmed === rec.name) return;
  const old = rec.name;
  w.guestByNameKey.delete(machineNameKey(old));
  rec.name = trimmed;
  w.guestByNameKey.set(machineNameKey(trimmed), rec);
  w.logGuest(rec, 'config', `Renamed from "${old}"`);
}
