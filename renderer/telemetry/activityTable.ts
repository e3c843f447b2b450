// The all-machines activity table's columns and sorting: by name, state or a live metric, machines without a sample last.
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';
import type { TelemetryMetric } from '../../shared/domain/telemetry.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import { machineStates } from '../../shared/domain/machineState.ts';
import type { MetricUnit } from './metricStyle.ts';

/** What the table subscribes to for every powered-on machine. */
export const tableMetrics: readonly TelemetryMetric[] = ['cpuPct', 'memUsedMiB', 'diskReadMBps', 'diskWriteMBps', 'netRxMBps', 'netTxMBps'];

export type SortKey = 'name' | 'state' | TelemetryMetric;
export type SortDirection = 'ascending' | 'descending';

export interface TableColumn {
  key: SortKey;
  label: string;
  unit?: MetricUnit;
  numeric: boolean;
}

export const tableColumns: readonly TableColumn[] = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'state', label: 'State', numeric: false },
  { key: 'cpuPct', label: 'CPU', unit: 'pct', numeric: true },
  { key: 'memUsedMiB', label: 'Memory', unit: 'MiB', numeric: true },
  { key: 'diskReadMBps', label: 'Disk read', unit: 'MBps', numeric: true },
  { key: 'diskWriteMBps', label: 'Disk write', unit: 'MBps', numeric: true },
  { key: 'netRxMBps', label: 'Net in', unit: 'MBps', numeric: true },
  { key: 'netTxMBps', label: 'Net out', unit: 'MBps', numeric: true },
];

/** Newest values of a machine in contract order, or null when it has none. */
export type LatestLookup = (id: string) => ArrayLike<number> | null;

// One collator for every comparison: localeCompare with options builds a new one per call (slow at 1,000 rows × ties).
const collator = new Intl.Collator('en', { sensitivity: 'base' });

interface Keyed {
  machine: Machine;
  name: string;
  value: number | null;
}

/** A new sorted array; ties (and machines without a value, always at the end) fall back to name order. */
export function sortMachines(machines: readonly Machine[], key: SortKey, direction: SortDirection, latest: LatestLookup): Machine[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const k = key === 'name' || key === 'state' ? -1 : telemetryMetricIndex[key];
  // Read each machine once (they may be reactive proxies), then compare plain values.
  const keyed: Keyed[] = machines.map((machine) => {
    let value: number | null;
    if (key === 'state') value = machineStates.indexOf(machine.state);
    else if (k < 0) value = 0;
    else {
      const sample = latest(machine.id)?.[k];
      value = sample === undefined || Number.isNaN(sample) ? null : sample;
    }
    return { machine, name: machine.name, value };
  });
  const byName = (a: Keyed, b: Keyed): number => collator.compare(a.name, b.name);
  keyed.sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    if (a.value === null || b.value === null) return a.value === b.value ? byName(a, b) : a.value === null ? 1 : -1;
    return sign * (a.value - b.value) || byName(a, b);
  });
  return keyed.map((entry) => entry.machine);
}
