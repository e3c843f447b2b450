// How each machine has been used, from the telemetry stream: when it was last powered on and last busy, for the sprawl ledger.
import { z } from 'zod';
import type { Machine } from '../../../shared/domain/machine.ts';
import { sprawlDefaults } from '../../../shared/domain/sprawl.ts';
import { telemetryMetricIndex, telemetryMetrics } from '../../../shared/domain/telemetry.ts';
import type { TelemetryBatch } from '../../../shared/domain/telemetry.ts';

/** Under this CPU (share of the guest's vCPUs, %) a powered-on second counts as idle. */
export const idleCpuPct = sprawlDefaults.idleCpuPct;

export const machineUsageSchema = z.object({
  /** Start of the current powered-on stretch (absent while powered off). */
  onSinceMs: z.number().optional(),
  /** Last simulated second it was powered on. */
  lastOnMs: z.number().optional(),
  /** Last simulated second it used at least `idleCpuPct` CPU. */
  lastBusyMs: z.number().optional(),
});
export type MachineUsage = z.infer<typeof machineUsageSchema>;
export const usageTableSchema = z.record(z.string(), machineUsageSchema);

const cpuColumn = telemetryMetricIndex.cpuPct;
const stride = telemetryMetrics.length;

export class UsageLedger {
  readonly #usage = new Map<string, MachineUsage>();
  #dirty = false;

  /** Machines come back powered off after a restart, so no saved stretch is still going. */
  constructor(saved: Record<string, MachineUsage> = {}) {
    for (const [id, { onSinceMs: _over, ...usage }] of Object.entries(saved)) this.#usage.set(id, usage);
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  of(id: string): MachineUsage | undefined {
    return this.#usage.get(id);
  }

  /** One simulated second of every powered-on machine. */
  record(batch: TelemetryBatch): void {
    const t = batch.simTimeMs;
    batch.machineIds.forEach((id, row) => {
      let usage = this.#usage.get(id);
      if (!usage) this.#usage.set(id, (usage = {}));
      // The sample covers the second that ends at t.
      usage.onSinceMs ??= t - 1000;
      usage.lastOnMs = t;
      if ((batch.values[row * stride + cpuColumn] ?? 0) >= idleCpuPct) usage.lastBusyMs = t;
    });
    if (batch.machineIds.length > 0) this.#dirty = true;
  }

  /** State changes: a machine powered off ends its stretch; a deleted one is forgotten. */
  observe(machines: readonly Machine[], removed: readonly string[]): void {
    for (const machine of machines) {
      if (machine.state !== 'PoweredOff') continue;
      const usage = this.#usage.get(machine.id);
      if (usage?.onSinceMs !== undefined) {
        delete usage.onSinceMs;
        this.#dirty = true;
      }
    }
    for (const id of removed) if (this.#usage.delete(id)) this.#dirty = true;
  }

  /** What to save; clears the dirty mark. */
  take(): Record<string, MachineUsage> {
    this.#dirty = false;
    return Object.fromEntries(this.#usage);
  }
}
