// Fake backend's model of the manager methods: power off, labels, bulk operations, the event journal, sprawl and families.
import { AppError } from '../../shared/errors.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { SimEvent } from '../../shared/domain/machineMetrics.ts';
import type { MethodInput, MethodOutput } from '../../shared/api/methods.ts';
import type { LoggedEvent } from '../../shared/domain/eventLog.ts';
import { applyLabelPatch, labelPatchSchema } from '../../shared/domain/machineLabels.ts';
import { actionAllowedFrom } from '../../shared/domain/machineState.ts';
import type { BulkItemResult } from '../../shared/domain/bulk.ts';

export interface ManagerHost {
  machines(): Machine[];
  events(): SimEvent[];
  find(id: string): Machine;
  lifecycle(action: 'start' | 'pause' | 'resume' | 'stop' | 'powerOff', id: string): Machine;
  remove(id: string): void;
  progress(operationId: string, step: string, done: number, total: number): void;
}

const logged = (events: readonly SimEvent[]): LoggedEvent[] => events.map((event, seq) => ({ ...event, seq }));

function matches(event: LoggedEvent, query: MethodInput<'queryEvents'>): boolean {
  if (query.machineId !== undefined && event.machineId !== query.machineId) return false;
  if (query.hostId !== undefined && event.hostId !== query.hostId) return false;
  if (query.kinds && query.kinds.length > 0 && !query.kinds.includes(event.kind)) return false;
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${event.subject ?? ''} ${event.message}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function queryEvents(host: ManagerHost, query: MethodInput<'queryEvents'>): MethodOutput<'queryEvents'> {
  const all = logged(host.events()).filter((e) => matches(e, query));
  const older = query.beforeSeq === undefined ? all : all.filter((e) => e.seq < query.beforeSeq!);
  const limit = query.limit ?? 100;
  return { events: older.slice(-limit), more: older.length > limit, total: all.length };
}

export function exportEvents(host: ManagerHost, input: MethodInput<'exportEvents'>): MethodOutput<'exportEvents'> {
  const { format, ...filter } = input;
  const events = logged(host.events()).filter((e) => matches(e, filter));
  const content = format === 'json' ? JSON.stringify(events) : ['seq,message', ...events.map((e) => `${e.seq},${e.message}`)].join('\r\n');
  return { fileName: `virtlab-events.${format}`, mediaType: format === 'json' ? 'application/json' : 'text/csv', content, count: events.length };
}

export function labelMachines(host: ManagerHost, input: MethodInput<'labelMachines'>): Machine[] {
  const patch = labelPatchSchema.parse(input.patch);
  const chosen = input.ids.map((id) => host.find(id));
  const next = chosen.map((m) => applyLabelPatch(m, patch));
  chosen.forEach((m, i) => {
    for (const key of ['group', 'owner', 'purpose', 'tags', 'expiresOn'] as const) delete m[key];
    Object.assign(m, next[i]);
  });
  return chosen;
}

export function runBulk(host: ManagerHost, input: MethodInput<'runBulkOperation'>): MethodOutput<'runBulkOperation'> {
  const results: BulkItemResult[] = [];
  input.ids.forEach((id, i) => {
    const machine = host.machines().find((m) => m.id === id);
    const name = machine?.name ?? id;
    try {
      if (!machine) throw new AppError('NOT_FOUND', 'No such machine');
      if (input.action === 'delete') {
        if (machine.state !== 'PoweredOff') throw new AppError('INVALID_STATE', `"${name}" must be powered off before it is deleted`);
        host.remove(id);
        results.push({ id, name, ok: true, freedMiB: 100 });
      } else if (input.action === 'snapshot') {
        results.push({ id, name, ok: true });
      } else {
        if (!actionAllowedFrom[input.action].includes(machine.state)) throw new AppError('INVALID_STATE', `Cannot ${input.action} "${name}" while it is ${machine.state}`);
        host.lifecycle(input.action, id);
        results.push({ id, name, ok: true });
      }
    } catch (error) {
      results.push({ id, name, ok: false, error: error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: String(error) } });
    }
    if (input.operationId) host.progress(input.operationId, `${i + 1} of ${input.ids.length}`, i + 1, input.ids.length);
  });
  const failed = results.filter((r) => !r.ok).length;
  return { action: input.action, results, succeeded: results.length - failed, failed, ...(input.action === 'delete' ? { freedMiB: 100 * (results.length - failed) } : {}) };
}

export function emptySprawl(machines: readonly Machine[]): MethodOutput<'getSprawlReport'> {
  return {
    simTimeMs: 0,
    today: '2030-01-01',
    thresholds: { idleDays: 7, unusedDays: 30, expiringDays: 14, idleCpuPct: 10, top: 10 },
    machineCount: machines.length,
    categories: { idle: [], unused: [], expired: [], expiring: [], largestDisk: [], largestMemory: [] },
    families: [],
    orphans: [],
    reclaimable: { diskMiB: 0, memoryMiB: 0 },
  };
}
