// Changing a guest's configuration: whole reconfiguration while Powered Off, live vCPU/memory changes for type 0 partitions.
import { AppError } from '../../shared/errors.ts';
import { checkDedicated, newVerdict } from './fitCheck.ts';
import { S_OFF } from './guestArrays.ts';
import { configureSlot } from './guestSetup.ts';
import type { GuestInput } from './types.ts';
import type { GuestRec, ResolvedGuest } from './worldModel.ts';
import type { SimWorld } from './world.ts';

export interface GuestPatch {
  readonly name?: string;
  readonly os?: string;
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  readonly diskGiB?: number;
  readonly paravirtualized?: boolean;
}

/** The guest input the patch would give, for a fit check before anything changes. */
export function patchedInput(rec: GuestRec, patch: GuestPatch): GuestInput {
  return { ...rec.input, ...definedOf(patch) };
}

/** Applies a checked patch to a Powered Off guest: same slot, id and random stream, new per-slot constants. */
export function reconfigureGuest(w: SimWorld, name: string, patch: GuestPatch): GuestRec {
  const rec = w.guest(name);
  if (w.g.state[rec.slot] !== S_OFF) throw new AppError('INVALID_STATE', `Power off "${name}" to change its configuration`, 'state');
  const defined = definedOf(patch);
  const spec: ResolvedGuest = { ...rec.spec, ...defined, limitCores: defined.vcpus ?? rec.spec.limitCores };
  const next: GuestRec = { ...rec, spec, input: { ...rec.input, ...defined } };
  if (w.g.balloonFloor[rec.slot]! > 0) w.balloonFloors -= 1;
  w.guests[rec.slot] = next;
  w.guestByName.delete(name);
  w.guestByName.set(spec.name, next);
  if (next.id !== undefined) w.guestById.set(next.id, next);
  configureSlot(w, next);
  if (spec.name !== name) w.events.add(w.nowMs, w.hostNameOf(next), spec.name, 'config', `Renamed from "${name}"`);
  return next;
}

/**
 * Live change of a running type 0 partition's cores or memory from the firmware's free dedicated capacity; the guest's
 * OS must be paravirtualized (partition-aware). Moves between two partitions use SimWorld.moveCpu/moveMemory instead.
 */
export function hotPlug(w: SimWorld, name: string, vcpus: number, memoryMiB: number): void {
  const rec = checkHotPlug(w, name, vcpus, memoryMiB);
  const before = `${rec.spec.vcpus} cores, ${rec.spec.memoryMiB} MiB`;
  rec.spec.vcpus = vcpus;
  rec.spec.memoryMiB = memoryMiB;
  w.g.vcpus[rec.slot] = vcpus;
  w.g.limit[rec.slot] = vcpus;
  w.g.memMiB[rec.slot] = memoryMiB;
  w.events.add(w.nowMs, w.hostNameOf(rec), name, 'runtime', `Live change from ${before} to ${vcpus} cores, ${memoryMiB} MiB`);
}

/** Throws the refusal hotPlug would give; changes nothing. */
export function checkHotPlug(w: SimWorld, name: string, vcpus: number, memoryMiB: number): GuestRec {
  const rec = w.guest(name);
  const platform = w.platforms[rec.platform]!;
  if (platform.kind !== 'type0' || !rec.spec.paravirtualized) {
    throw new AppError('INVALID_STATE', `Power off "${name}" to change its vCPUs or memory`, 'state');
  }
  const verdict = newVerdict();
  checkDedicated(w, platform, { ...rec.spec, vcpus, memoryMiB }, rec.slot, verdict);
  const refusal = verdict.reasons[0];
  if (refusal) throw new AppError(refusal.code, refusal.message, refusal.field);
  return rec;
}

function definedOf(patch: GuestPatch): Partial<ResolvedGuest> & GuestPatch {
  const out: { -readonly [K in keyof GuestPatch]: GuestPatch[K] } = {};
  for (const key of Object.keys(patch) as (keyof GuestPatch)[]) {
    if (patch[key] !== undefined) (out as Record<string, unknown>)[key] = patch[key];
  }
  return out;
}
