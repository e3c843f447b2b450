// Moving a guest to another platform: the rules its kind gives, then the move itself (run state, memory and counters kept).
import { AppError } from '../../shared/errors.ts';
import { platformPhrase } from '../kinds/kindText.ts';
import { fitCheck, Verdict } from './fitCheck.ts';
import { S_OFF, S_STARTING, S_STOPPING } from './guestArrays.ts';
import { applyCosts } from './guestSetup.ts';
import { joinPool, leavePool } from './placement.ts';
import { inputOf } from './reconfigure.ts';
import { platformChain } from './queries/chains.ts';
import type { FitVerdict } from './types.ts';
import type { GuestRec, PlatformRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

/**
 * Whether `rec` can move to `target` now, with every reason: same kind (its VMM and device models), the kind's own
 * rule for moving a running guest, the hardware assist it runs with, a passed-through device, and the target's fit
 * check (instruction set, cores, memory, dedicated resources, disk, ports), counted without the guest itself.
 */
export function checkMigration(w: WorldState, rec: GuestRec, target: PlatformRec): FitVerdict {
  const out = new Verdict();
  const source = w.platformOf(rec);
  const state = w.g.state[rec.slot]!;
  const running = state !== S_OFF;
  if (target === source) out.refuse('VALIDATION', 'platformId', `"${rec.name}" already runs on ${source.name}`);
  if (target.kind !== source.kind) {
    out.refuse('VALIDATION', 'platformId', `"${rec.name}" is a guest of ${platformPhrase(source.module.description, source.name)}; it can only move to another platform of that kind, not to ${platformPhrase(target.module.description, target.name)}`);
  }
  if (rec.hostsPool >= 0) out.refuse('INVALID_STATE', 'state', `"${rec.name}" has a platform installed in it; move or remove that platform first`);
  // A saved state holds the CPU state as the source host's processor left it, so it resumes only there (as the data
  // center's planner treats Saved guests too); a live move of the running guest renegotiates that instead.
  if (rec.saved && target.host !== source.host) {
    out.refuse('INVALID_STATE', 'state', `"${rec.name}" is Saved: its saved state was written on "${w.hosts[source.host]!.model.name}" and resumes only there; start it and move it live, or discard its saved state first`);
  }
  if (state === S_STARTING || state === S_STOPPING) {
    out.refuse('INVALID_STATE', 'state', `Wait for "${rec.name}" to finish ${state === S_STARTING ? 'starting' : 'stopping'} before moving it`);
  }
  if (running) {
    const rule = source.module.migration;
    if (rule.live === 'none') out.refuse('INVALID_STATE', 'state', `"${rec.name}" cannot move while it runs: ${rule.why ?? 'its kind cannot live-migrate'}; power it off for a cold move`);
    if (rec.device) out.refuse('INVALID_STATE', 'io', `"${rec.name}" uses a passed-through device, which cannot move with it while it runs; power it off first`);
    if (source.hwAssist && !target.hwAssist && target.kind === source.kind) {
      out.refuse('VALIDATION', 'platformId', `"${rec.name}" runs with hardware assist (VT-x) but ${target.name} cannot offer it; a running guest cannot switch to binary translation`);
    }
    const targetPool = w.pools[target.pool]!;
    if (targetPool.partition && w.g.state[targetPool.partition.slot] === S_OFF) {
      out.refuse('INVALID_STATE', 'platformId', `${target.name} runs in partition "${targetPool.partition.name}", which is Powered Off`);
    }
  }
  const fit = fitCheck(w, { ...inputOf(w, rec), platform: target.id }, { except: rec });
  for (const reason of fit.reasons) out.reasons.push(reason);
  out.wouldFree.push(...fit.wouldFree);
  return out.result([...platformChain(w, target), rec.name]);
}

/** Moves the guest now; refused (changing nothing) for the first reason checkMigration gives. */
export function migrateGuest(w: WorldState, rec: GuestRec, target: PlatformRec): void {
  const verdict = checkMigration(w, rec, target);
  const refusal = verdict.reasons.find((r) => r.severity === 'refused');
  if (refusal) {
    w.logGuest(rec, 'refusal', `Cannot move to ${target.name}: ${refusal.message}`);
    throw new AppError(refusal.code, refusal.message, refusal.field);
  }
  const source = w.platformOf(rec);
  const live = w.g.state[rec.slot] !== S_OFF;
  leavePool(w, rec);
  rec.platform = target.index;
  rec.pool = target.pool;
  rec.host = target.host;
  if (rec.spec.io === 'passthrough') rec.device = true;
  joinPool(w, rec);
  applyCosts(w, rec);
  w.layoutDirty = true;
  const how = live ? 'Live-migrated' : 'Moved (powered off)';
  w.events.add(w.nowMs, w.hosts[source.host]!.id, { id: rec.id, label: rec.name, guestId: rec.id }, 'config', `${how} to ${target.name} on "${w.hosts[target.host]!.model.name}"`);
  w.logGuest(rec, 'config', `${how} from ${source.name} on "${w.hosts[source.host]!.model.name}"`);
}
