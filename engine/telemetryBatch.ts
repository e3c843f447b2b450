// Packs every powered-on machine's last simulated second into one columnar TelemetryBatch (machine-major Float32Array).
import { telemetryMetrics } from '../shared/domain/telemetry.ts';
import type { TelemetryBatch } from '../shared/domain/telemetry.ts';
import { S_OFF } from './sim/guestArrays.ts';
import type { SimWorld } from './sim/world.ts';

const metricCount = telemetryMetrics.length;

/**
 * `machineIds` in the facade's creation order, so a machine keeps its row position from second to second.
 * Allocates only the batch itself (its buffer is transferred to the backend, so it cannot be reused).
 */
export function buildTelemetryBatch(world: SimWorld, machineIds: Iterable<string>): TelemetryBatch {
  const state = world.g.state;
  const ids: string[] = [];
  const slots: number[] = [];
  for (const id of machineIds) {
    const rec = world.guestWithId(id);
    if (!rec || state[rec.slot] === S_OFF) continue;
    ids.push(id);
    slots.push(rec.slot);
  }
  const values = new Float32Array(ids.length * metricCount);
  for (let m = 0; m < slots.length; m++) world.seconds.writeRow(world.g, slots[m]!, values, m * metricCount);
  return { simTimeMs: world.nowMs, machineIds: ids, values };
}
