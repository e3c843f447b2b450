// Whether a guest can start migrating to a platform now: the move primitive's rules plus what a timed migration needs.
import type { MigrationMethod } from '../../../shared/domain/datacenter.ts';
import { guestCapacity } from '../capacity.ts';
import { Verdict } from '../fitCheck.ts';
import { H_OVH_MIB, S_OFF } from '../guestArrays.ts';
import { checkMigration } from '../migration.ts';
import type { FitVerdict } from '../types.ts';
import type { GuestRec, PlatformRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';

/** How the guest would move: cold when powered off, else as its kind moves running guests. */
export function methodFor(w: WorldState, rec: GuestRec): MigrationMethod | undefined {
  if (w.g.state[rec.slot] === S_OFF) return 'cold';
  const live = w.platformOf(rec).module.migration.live;
  return live === 'none' ? undefined : live;
}

/**
 * Every reason, refusals first: the primitive's (kind, running rule and its why, passthrough device, hardware assist,
 * the target's fit check: host power, cores, dedicated resources, disk, ports) and a timed migration's own: one at a
 * time per guest, the same instruction set, nested paging kept, and room on the target for the memory it brings.
 */
export function checkStartMigration(w: WorldState, rec: GuestRec, target: PlatformRec): FitVerdict {
  const base = checkMigration(w, rec, target);
  const out = new Verdict();
  const running = w.g.state[rec.slot] !== S_OFF;
  const migrating = w.cluster.runs.find((run) => run.rec === rec);
  if (migrating) out.refuse('INVALID_STATE', 'state', `"${rec.name}" is already migrating to ${migrating.target.name}; wait for it or cancel it`);
  if (rec.saved) out.refuse('INVALID_STATE', 'state', `"${rec.name}" is Saved: its memory state is a file on "${w.hostOf(rec).model.name}"; start it (and move it live) or discard its saved state first`);
  const from = w.hostOf(rec).model;
  const to = w.hosts[target.host]!.model;
  if (from.isa !== to.isa && !target.module.description.crossIsa) {
    out.refuse('VALIDATION', 'platformId', `"${rec.name}" runs ${from.isa} code on "${from.name}"; "${to.name}" has a different instruction set (${to.isa})`);
  }
  if (running && w.platformOf(rec).hwAssist && from.nestedPaging && !to.nestedPaging) {
    out.refuse('VALIDATION', 'platformId', `"${rec.name}" runs with nested paging (EPT/NPT) on "${from.name}"; "${to.name}" lacks it, and a running guest cannot switch to shadow page tables`);
  }
  if (running && !target.module.dedicatedResources && target.host !== rec.host) {
    const free = freeMemoryMiB(w, target);
    const needs = w.g.memMiB[rec.slot]!;
    if (needs > free) {
      out.refuse('INSUFFICIENT_RESOURCES', 'memoryMiB', `"${rec.name}" brings ${Math.round(needs)} MiB of memory; ${target.name} on "${to.name}" has ${Math.max(0, Math.floor(free))} MiB free (its running guests hold the rest)`);
    }
  }
  const reasons = [...out.reasons, ...base.reasons];
  const refused = reasons.filter((r) => r.severity === 'refused');
  const warnings = reasons.filter((r) => r.severity === 'warning');
  const ordered = [...refused, ...warnings];
  return { verdict: refused.length > 0 ? 'refused' : warnings.length > 0 ? 'warning' : 'ok', reasons: ordered, wouldFree: base.wouldFree, chain: base.chain };
}

/** Memory of the platform's pool not held by powered-on guests (configured memory and VMM overhead). */
export function freeMemoryMiB(w: WorldState, platform: PlatformRec): number {
  const pool = w.pools[platform.pool]!;
  let held = 0;
  for (const guest of pool.members) {
    if (guest.hidden || w.g.state[guest.slot] === S_OFF) continue;
    held += w.g.memMiB[guest.slot]! + w.g.hotOf(guest.slot, H_OVH_MIB);
  }
  // Guests migrating in hold their memory on the target from the start.
  for (const run of w.cluster.runs) if (run.target.pool === pool.index && run.rec.pool !== pool.index) held += w.g.memMiB[run.rec.slot]!;
  return guestCapacity(w, pool).memoryMiB - held;
}
