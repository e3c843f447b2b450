// The Activity ranges as people read them: the button's short label and the full name (also printed on exported charts).
import type { HistoryRange } from '../../shared/domain/telemetry.ts';

export const activityRanges: readonly { value: HistoryRange; label: string; name: string }[] = [
  { value: '1m', label: '1 min', name: 'Last minute' },
  { value: '10m', label: '10 min', name: 'Last 10 minutes' },
  { value: '1h', label: '1 h', name: 'Last hour' },
  { value: 'all', label: 'All', name: 'All recorded' },
];

export function rangeName(range: HistoryRange): string {
  return activityRanges.find((r) => r.value === range)?.name ?? range;
}
