// The event log, telemetry history, usage and the simulated clock survive closing and reopening a library; bulk operations report each machine.
import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../shared/api/methods.ts';
import { openLibraryRuntime } from './libraryRuntime.ts';
import type { LibraryRuntime } from './libraryRuntime.ts';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { nextEvent, nextMachine } from './testing/events.ts';

const workerUrl = new URL('../../engine/worker.ts', import.meta.url);
const tempDir = useTempDirs();
const open = (libraryDir: string): Promise<LibraryRuntime> => openLibraryRuntime({ libraryDir, seed: 7, speed: 50, transport: 'web', version: 'test', workerUrl, log: () => undefined });
const apiOf = (runtime: LibraryRuntime): AppApi => runtime.backend.apiFor(runtime.backend.connect(() => undefined));

describe('manager ledger across restarts', () => {
  it('keeps events (refusals too), history and the clock, and carries on from where it stopped', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const api = apiOf(first);
    const vm = await api.createMachine({ name: 'web-01', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const running = nextMachine(first.engine, (m) => m.id === vm.id && m.state === 'Running');
    await api.startMachine({ id: vm.id });
    await running;
    await expect(api.deleteMachine({ id: vm.id })).rejects.toThrow(/web-01/);
    // Ten simulated seconds of samples (the worker runs 50× real time), then the refusal is in the journal too.
    const until = first.engine.status().simTimeMs + 10_000;
    await nextEvent(first.engine, 'telemetry', (batch) => batch.simTimeMs >= until);
    const before = await api.queryEvents({ machineId: vm.id });
    expect(before.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['config', 'state', 'refusal']));
    const history = await api.getTelemetryHistory({ machineId: vm.id, range: '1m', metrics: ['cpuPct'] });
    const sampled = history.series.cpuPct!.avg.filter((v) => v !== null).length;
    expect(sampled).toBeGreaterThan(5);
    await first.close();
    const stoppedAt = first.engine.status().simTimeMs;

    const second = await open(dir);
    try {
      const again = apiOf(second);
      const after = await again.queryEvents({ machineId: vm.id });
      expect(after.events.slice(0, before.events.length)).toEqual(before.events);
      expect((await again.getEngineStatus({})).simTimeMs).toBeGreaterThanOrEqual(stoppedAt);
      const kept = await again.getTelemetryHistory({ machineId: vm.id, range: '10m', metrics: ['cpuPct'] });
      expect(kept.series.cpuPct!.avg.filter((v) => v !== null).length).toBeGreaterThanOrEqual(sampled);
      // Numbering carries on after the restart.
      const other = await again.createMachine({ name: 'web-02', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
      const created = (await again.queryEvents({ machineId: other.id })).events[0]!;
      expect(created.seq).toBeGreaterThan(before.events.at(-1)!.seq);
      expect(created.atMs).toBeGreaterThanOrEqual(stoppedAt);
    } finally {
      await second.close();
    }
  });

  it('starts, snapshots and deletes many machines, each on its own, reporting which failed and why', async () => {
    const runtime = await open(await tempDir());
    try {
      const api = apiOf(runtime);
      const made = [];
      for (let n = 0; n < 5; n++) made.push(await api.createMachine({ name: `bulk-${n}`, osType: 'ubuntu64', vcpus: 1, memoryMiB: 512, diskGiB: 8 }));
      const ids = made.map((m) => m.id);
      const started = await api.runBulkOperation({ action: 'start', ids: ids.slice(0, 3) });
      expect([started.succeeded, started.failed]).toEqual([3, 0]);
      const deleted = await api.runBulkOperation({ action: 'delete', ids });
      expect([deleted.succeeded, deleted.failed]).toEqual([2, 3]);
      expect(deleted.results.filter((r) => !r.ok).map((r) => [r.name, r.error?.code])).toEqual([
        ['bulk-0', 'INVALID_STATE'],
        ['bulk-1', 'INVALID_STATE'],
        ['bulk-2', 'INVALID_STATE'],
      ]);
      expect(deleted.freedMiB).toBeGreaterThan(0);
      expect((await api.runBulkOperation({ action: 'powerOff', ids: ids.slice(0, 3) })).succeeded).toBe(3);
      const snapped = await api.runBulkOperation({ action: 'snapshot', ids: ids.slice(0, 3), snapshot: { name: 'before upgrade' } });
      expect(snapped.results).toEqual(ids.slice(0, 3).map((id) => expect.objectContaining({ id, ok: true })));
      expect((await api.listSnapshots({ id: ids[0]! })).snapshots.map((s) => s.name)).toEqual(['before upgrade']);
      const labelled = await api.labelMachines({ ids: ids.slice(0, 3), patch: { group: 'lab/web', addTags: ['bulk'] } });
      expect(labelled.map((m) => [m.group, m.tags])).toEqual([
        ['lab/web', ['bulk']],
        ['lab/web', ['bulk']],
        ['lab/web', ['bulk']],
      ]);
    } finally {
      await runtime.close();
    }
  });
});
