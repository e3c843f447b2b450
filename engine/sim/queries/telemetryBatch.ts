// Packs every powered-on guest's last simulated second into one columnar TelemetryBatch (machine-major Float32Array).
import { telemetryMetrics } from '../../../shared/domain/telemetry.ts';
import type { TelemetryBatch } from '../../../shared/domain/telemetry.ts';
import { S_OFF } from '../guestArrays.ts';
import type { WorldState } from '../worldState.ts';

const metricCount = telemetryMetrics.length;

/**
 * Guests in creation order (the id map's order), so a machine keeps its row position from second to second.
 * Allocates only the batch itself (it is posted to the backend and kept there, so it cannot be reused).
 */
export function buildTelemetryBatch(w: WorldState): TelemetryBatch {
  const state = w.g.state;
  const ids: string[] = [];
  const slots: number[] = [];
  for (const rec of w.guestById.values()) {
    if (rec.hidden || state[rec.slot] === S_OFF) continue;
    ids.push(rec.id);
    slots.push(rec.slot);
  }
  const values = new Float32Array(ids.length * metricCount);
  for (let m = 0; m < slots.length; m++) w.seconds.writeRow(w.g, slots[m]!, values, m * metricCount);
  return { simTimeMs: w.nowMs, machineIds: ids, values };
}
