// The all-machines activity table's columns and sorting: by name, state, kind, host or a live metric, machines without a sample last.
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';
import type { TelemetryMetric } from '../../shared/domain/telemetry.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import { machineStates } from '../../shared/domain/machineState.ts';
import type { MetricUnit } from './metricStyle.ts';
import type { Labels } from '../machines/searchText.ts';

/** What the table subscribes to for every powered-on machine. */
export const tableMetrics: readonly TelemetryMetric[] = ['cpuPct', 'memUsedMiB', 'diskReadMBps', 'diskWriteMBps', 'netRxMBps', 'netTxMBps'];

export type TextKey = 'name' | 'state' | 'kind' | 'host';
export type SortKey = TextKey | TelemetryMetric;
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
  { key: 'kind', label: 'Kind', numeric: false },
  { key: 'host', label: 'Host', numeric: false },
  { key: 'cpuPct', label: 'CPU', unit: 'pct', numeric: true },
  { key: 'memUsedMiB', label: 'Memory', unit: 'MiB', numeric: true },
  { key: 'diskReadMBps', label: 'Disk read', unit: 'MBps', numeric: true },
  { key: 'diskWriteMBps', label: 'Disk write', unit: 'MBps', numeric: true },
  { key: 'netRxMBps', label: 'Net in', unit: 'MBps', numeric: true },
  { key: 'netTxMBps', label: 'Net out', unit: 'MBps', numeric: true },
];

export const isTextKey = (key: SortKey): key is TextKey => key === 'name' || key === 'state' || key === 'kind' || key === 'host';

/** Newest values of a machine in contract order, or null when it has none. */
export type LatestLookup = (id: string) => ArrayLike<number> | null;

// One collator for every comparison: localeCompare with options builds a new one per call (slow at 1,000 rows × ties).
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const sameLabels: Labels = { os: (id) => id, kind: (kind) => kind, host: (id) => id };

interface Keyed {
  machine: Machine;
  /** Place in name order: ties and "no value" fall back to it. */
  rank: number;
  value: number | string | null;
}

/**
 * A new sorted array; ties (and machines without a value, always at the end) fall back to name order. `rank` gives
 * each machine's place in name order when the caller knows it (the store does), which spares a name comparison per pair.
 */
export function sortMachines(machines: readonly Machine[], key: SortKey, direction: SortDirection, latest: LatestLookup, labels: Labels = sameLabels, rank?: (id: string) => number): Machine[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const ranks = rank ?? nameRanks(machines);
  // Read each machine once (they may be reactive proxies), then compare plain values.
  const keyed: Keyed[] = machines.map((machine) => {
    let value: number | string | null;
    if (key === 'name') value = null;
    else if (key === 'state') value = machineStates.indexOf(machine.state);
    else if (key === 'kind') value = labels.kind(machine.kind);
    else if (key === 'host') value = labels.host(machine.hostId);
    else {
      const sample = latest(machine.id)?.[telemetryMetricIndex[key]];
      value = sample === undefined || Number.isNaN(sample) ? null : sample;
    }
    return { machine, rank: ranks(machine.id), value };
  });
  keyed.sort((a, b) => {
    if (key === 'name') return sign * (a.rank - b.rank);
    if (a.value === null || b.value === null) return a.value === b.value ? a.rank - b.rank : a.value === null ? 1 : -1;
    const order = typeof a.value === 'string' ? collator.compare(a.value, b.value as string) : a.value - (b.value as number);
    return sign * order || a.rank - b.rank;
  });
  return keyed.map((entry) => entry.machine);
}

function nameRanks(machines: readonly Machine[]): (id: string) => number {
  const ordered = [...machines].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const ranks = new Map(ordered.map((m, i) => [m.id, i]));
  return (id) => ranks.get(id) ?? 0;
}
