// Tests for sorting the all-machines activity table.
import { describe, expect, it } from 'vitest';
import { sortMachines } from './activityTable.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { telemetryMetricIndex, telemetryMetrics } from '../../shared/domain/telemetry.ts';

const a = makeMachine({ name: 'alpha', state: 'Running' });
const b = makeMachine({ name: 'Bravo', state: 'Paused' });
const c = makeMachine({ name: 'charlie', state: 'PoweredOff' });
const d = makeMachine({ name: 'delta', state: 'Running' });

function latestOf(cpu: Record<string, number>) {
  return (id: string) => {
    if (!(id in cpu)) return null;
    const row = new Float32Array(telemetryMetrics.length).fill(Number.NaN);
    row[telemetryMetricIndex.cpuPct] = cpu[id] ?? Number.NaN;
    return row;
  };
}

const names = (list: { name: string }[]) => list.map((m) => m.name);

describe('sortMachines', () => {
  it('sorts by name without regard to case, either way', () => {
    expect(names(sortMachines([c, b, d, a], 'name', 'ascending', () => null))).toEqual(['alpha', 'Bravo', 'charlie', 'delta']);
    expect(names(sortMachines([c, b, d, a], 'name', 'descending', () => null))).toEqual(['delta', 'charlie', 'Bravo', 'alpha']);
  });

  it('sorts by state in life-cycle order, then by name', () => {
    expect(names(sortMachines([d, c, b, a], 'state', 'ascending', () => null))).toEqual(['charlie', 'alpha', 'delta', 'Bravo']);
  });

  it('sorts by a live metric and keeps machines without a sample at the end in both directions', () => {
    const latest = latestOf({ [a.id]: 40, [b.id]: 5, [d.id]: 40 });
    expect(names(sortMachines([c, b, d, a], 'cpuPct', 'descending', latest))).toEqual(['alpha', 'delta', 'Bravo', 'charlie']);
    expect(names(sortMachines([c, b, d, a], 'cpuPct', 'ascending', latest))).toEqual(['Bravo', 'alpha', 'delta', 'charlie']);
  });

  it('does not reorder the input array', () => {
    const input = [d, a];
    sortMachines(input, 'name', 'ascending', () => null);
    expect(names(input)).toEqual(['delta', 'alpha']);
  });
});
