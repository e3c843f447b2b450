// The event log as CSV (RFC 4180 quoting), one row per event with its simulated time in seconds.
import type { LoggedEvent } from '../../../shared/domain/eventLog.ts';

const header = ['seq', 'simulatedSeconds', 'kind', 'hostId', 'machineId', 'subject', 'message'];

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  // Formula-looking cells are prefixed so a spreadsheet shows them instead of evaluating them.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function eventsToCsv(events: readonly LoggedEvent[]): string {
  const rows = events.map((e) => [e.seq, e.atMs / 1000, e.kind, e.hostId, e.machineId, e.subject, e.message].map(cell).join(','));
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
