// Per guest: when it should have been up (started and not shut down on purpose) and when it was not (aborted, migration downtime).
import type { MachineState } from '../../shared/domain/machineState.ts';

interface Outage {
  readonly fromMs: number;
  toMs: number | undefined;
  readonly cause: 'aborted' | 'migration';
}

export interface Restart {
  readonly abortedAtMs: number;
  restartedAtMs: number | undefined;
  hostId: string | undefined;
}

class Timeline {
  expectedSince: number | undefined;
  readonly expected: [number, number][] = [];
  readonly outages: Outage[] = [];
  readonly restarts: Restart[] = [];
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export class Availability {
  readonly #guests = new Map<string, Timeline>();

  #timeline(id: string): Timeline {
    let t = this.#guests.get(id);
    if (!t) this.#guests.set(id, (t = new Timeline()));
    return t;
  }

  /** A guest entered a life-cycle state at `nowMs` (on `hostId`). */
  onState(id: string, state: MachineState, nowMs: number, hostId: string): void {
    const t = this.#timeline(id);
    const open = t.outages.at(-1);
    if (state === 'Running') {
      t.expectedSince ??= nowMs;
      if (open && open.toMs === undefined && open.cause === 'aborted') {
        open.toMs = nowMs;
        const restart = t.restarts.at(-1);
        if (restart && restart.restartedAtMs === undefined) {
          restart.restartedAtMs = nowMs;
          restart.hostId = hostId;
        }
      }
    } else if (state === 'Aborted') {
      t.expectedSince ??= nowMs;
      t.outages.push({ fromMs: nowMs, toMs: undefined, cause: 'aborted' });
      t.restarts.push({ abortedAtMs: nowMs, restartedAtMs: undefined, hostId: undefined });
    } else if ((state === 'PoweredOff' || state === 'Saved') && t.expectedSince !== undefined) {
      // Shut down (or saved) on purpose: from here it is not expected to be up.
      t.expected.push([t.expectedSince, nowMs]);
      t.expectedSince = undefined;
    }
  }

  /** The guest ran nowhere from `fromMs` to `toMs` while it switched hosts. */
  onMigrationDowntime(id: string, fromMs: number, toMs: number): void {
    if (toMs > fromMs) this.#timeline(id).outages.push({ fromMs, toMs, cause: 'migration' });
  }

  knows(id: string): boolean {
    return this.#guests.has(id);
  }

  /** Availability over a range: up time over expected time (100 % when it was never expected up). */
  report(id: string, fromMs: number, toMs: number): { availabilityPct: number; downtimeMs: number; restarts: Restart[] } {
    const t = this.#guests.get(id);
    if (!t) return { availabilityPct: 100, downtimeMs: 0, restarts: [] };
    const spans = [...t.expected];
    if (t.expectedSince !== undefined) spans.push([t.expectedSince, toMs]);
    const expected = spans.reduce((sum, [a, b]) => sum + overlap(a, b, fromMs, toMs), 0);
    const down = t.outages.reduce((sum, o) => sum + overlap(o.fromMs, o.toMs ?? toMs, fromMs, toMs), 0);
    const restarts = t.restarts.filter((r) => r.abortedAtMs < toMs && (r.restartedAtMs ?? toMs) >= fromMs).map((r) => ({ ...r }));
    const pct = expected > 0 ? Math.max(0, (100 * (expected - down)) / expected) : 100;
    return { availabilityPct: Math.round(pct * 1000) / 1000, downtimeMs: Math.round(down), restarts };
  }
}
