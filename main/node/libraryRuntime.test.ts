// The library runtime against the real engine worker: restart round trip, powered-off restore, save failures, locking.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/api/events.ts';
import type { AppApi } from '../../shared/api/methods.ts';
import type { LibraryStatus } from '../../shared/domain/library.ts';
import { LibraryLockedError, openLibraryRuntime } from './libraryRuntime.ts';
import type { LibraryRuntime } from './libraryRuntime.ts';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { nextMachine } from './testing/events.ts';

const workerUrl = new URL('../../engine/worker.ts', import.meta.url);
const tempDir = useTempDirs();

function open(libraryDir: string, log: (line: string) => void = () => undefined): Promise<LibraryRuntime> {
  return openLibraryRuntime({ libraryDir, seed: 7, speed: 50, transport: 'web', version: 'test', workerUrl, log });
}

function client(runtime: LibraryRuntime): { api: AppApi; events: { event: EventName; payload: unknown }[] } {
  const events: { event: EventName; payload: unknown }[] = [];
  return { api: runtime.backend.apiFor(runtime.backend.connect((event, payload) => events.push({ event, payload }))), events };
}

describe('library runtime', () => {
  it('a machine survives a restart with every field (settings, NICs, optical drive, snapshots, clones)', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const { api } = client(first);
    const vm = await api.createMachine({ name: 'db-01', osType: 'debian64', vcpus: 3, memoryMiB: 3072, diskGiB: 30, workload: 'database', diskAllocation: 'fixed' });
    await api.updateSettings({
      id: vm.id,
      patch: {
        nics: [
          { attachment: 'nat' },
          { attachment: 'hostOnly', ipMode: 'static', staticIp: '192.168.56.20', mac: '08:00:27:AA:BB:CC' },
        ],
        optical: { kind: 'iso', image: 'debian-12.iso' },
      },
    });
    await api.takeSnapshot({ id: vm.id, spec: { name: 'installed', description: 'clean install' } });
    await api.takeSnapshot({ id: vm.id, spec: { name: 'tuned' } });
    const linked = await api.cloneMachine({ id: vm.id, options: { name: 'db-01 linked', mode: 'linked' } });
    const full = await api.cloneMachine({ id: vm.id, options: { name: 'db-01 full', mode: 'full', states: 'everything', macPolicy: 'keepNat' } });
    await first.flush();
    const ids = [vm.id, linked.id, full.id];
    // What the engine holds: every machine, its configuration and its snapshots.
    const held = async (runtime: LibraryRuntime) => ({
      // When a machine entered Powered Off is run state (a restart restores machines powered off from its own clock).
      machines: (await runtime.engine.request('listMachines', {})).map(({ stateSinceMs: _since, ...machine }) => machine),
      configs: await Promise.all(ids.map((id) => runtime.engine.request('getMachineConfig', { id }))),
      trees: await Promise.all(ids.map((id) => runtime.engine.request('listSnapshots', { id }))),
      storage: await runtime.engine.request('listStorage', {}),
    });
    const before = await held(first);
    expect(first.engine.records().map((record) => record.id)).toEqual(ids);
    const records = first.engine.records();
    await first.close();

    const second = await open(dir);
    try {
      // What the engine holds after restoring from disk, not just what the library read back.
      // Same order too: the clones were made in the same simulated millisecond, so only their sources order them.
      expect(await held(second)).toEqual(before);
      expect(second.engine.records()).toEqual(records);
      expect(second.status()).toMatchObject({ dir, loadedMachines: 3, problems: [] });
      const { api: again } = client(second);
      expect((await again.listSnapshots({ id: vm.id })).snapshots.map((snap) => snap.name)).toEqual(['installed', 'tuned', 'Linked Base for db-01 and db-01 linked']);
    } finally {
      await second.close();
    }
  });

  it('keeps the data center settings (cluster policies, links, restart priorities) across restarts of Virtlab and of its engine', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const { api } = client(first);
    const vm = await api.createMachine({ name: 'db-01', osType: 'debian64', vcpus: 1, memoryMiB: 1024, diskGiB: 10, hostId: 'rack-01' });
    await api.updateCluster({ clusterId: 'cluster-rack', patch: { ha: { enabled: true, admissionControl: true }, balancing: { thresholdPct: 75 } } });
    await api.setHostLink({ hostId: 'rack-02', gbps: 25 });
    await api.setRestartPriority({ id: vm.id, priority: 'high' });
    // Run state is not a setting: a host in maintenance comes back on.
    await api.hostAction({ hostId: 'rack-03', action: 'maintenance' });
    const expected = async (runtime: LibraryRuntime) => {
      const dc = await client(runtime).api.getDatacenter({});
      expect(dc.clusters[0]!.settings).toMatchObject({ ha: { enabled: true, admissionControl: true }, balancing: { thresholdPct: 75, enabled: false } });
      expect(dc.hosts.find((h) => h.hostId === 'rack-02')!.linkGbps).toBe(25);
      expect(dc.restartPriorities).toEqual({ [vm.id]: 'high' });
      return dc;
    };
    await expected(first);
    // The engine crashes: its replacement is seeded with the settings too.
    const restarted = new Promise<void>((resolve) => {
      const off = first.engine.on('status', (status) => {
        if (status.state === 'running' && status.restarts === 1) {
          off();
          resolve();
        }
      });
    });
    first.engine.crash('test');
    await restarted;
    await expected(first);
    await first.close();

    const second = await open(dir);
    try {
      const dc = await expected(second);
      expect(dc.hosts.find((h) => h.hostId === 'rack-03')!.power).toBe('on');
    } finally {
      await second.close();
    }
  });

  it('a running machine comes back powered off, and deletions are saved too', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const { api } = client(first);
    const running = await api.createMachine({ name: 'web-01', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const doomed = await api.createMachine({ name: 'tmp-01', osType: 'ubuntu64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
    const isRunning = nextMachine(first.engine, (m) => m.id === running.id && m.state === 'Running');
    await api.startMachine({ id: running.id });
    await isRunning;
    await api.deleteMachine({ id: doomed.id });
    await first.close();

    const second = await open(dir);
    try {
      const machines = await client(second).api.listMachines({});
      expect(machines.map((m) => [m.name, m.state])).toEqual([['web-01', 'PoweredOff']]);
    } finally {
      await second.close();
    }
  });

  it('reports a failed save in the status and to clients, keeps running, and clears it once saving works again', async () => {
    const dir = await tempDir();
    const logs: string[] = [];
    const runtime = await open(dir, (line) => logs.push(line));
    try {
      const { api, events } = client(runtime);
      const machinesDir = path.join(dir, 'machines');
      // A file where the machines folder should be: every save fails with ENOTDIR, as on a broken disk.
      await rm(machinesDir, { recursive: true });
      await writeFile(machinesDir, 'not a folder');
      const vm = await api.createMachine({ name: 'web-01', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
      await expect(runtime.flush()).rejects.toThrow();
      const failed = (await api.getLibraryStatus({})).saveError;
      expect(failed).toMatch(new RegExp(`^Changes could not be saved to the library ${dir}: `));
      expect(events.filter((e) => e.event === 'libraryStatus').map((e) => (e.payload as LibraryStatus).saveError)).toEqual([failed]);
      expect(logs).toContain(`[library] ${failed} (1 waiting; retrying)`);
      // The change is kept, not dropped: the status says how many documents wait.
      expect((await api.getLibraryStatus({})).unsavedChanges).toBe(1);
      expect((await api.getMachine({ id: vm.id })).name).toBe('web-01');

      await rm(machinesDir);
      await mkdir(machinesDir);
      await runtime.flush();
      expect((await api.getLibraryStatus({})).saveError).toBeUndefined();
      expect(events.filter((e) => e.event === 'libraryStatus').map((e) => (e.payload as LibraryStatus).saveError)).toEqual([failed, undefined]);
    } finally {
      await runtime.close();
    }
    const reopened = await open(dir);
    try {
      expect((await client(reopened).api.listMachines({})).map((m) => m.name)).toEqual(['web-01']);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a second runtime on the same library and releases the lock on close', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const refused = await open(dir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(LibraryLockedError);
    expect((refused as Error).message).toContain(`The library ${dir} is in use by another Virtlab instance (pid ${process.pid},`);
    await first.close();
    const second = await open(dir);
    await second.close();
  });

  it('writes the inventory once when the library has none', async () => {
    const dir = await tempDir();
    const runtime = await open(dir);
    await runtime.close();
    const { readFile } = await import('node:fs/promises');
    const inventory = JSON.parse(await readFile(path.join(dir, 'inventory.json'), 'utf8')) as { hosts: { id: string }[]; networks: unknown[] };
    expect(inventory.hosts.map((host) => host.id)).toContain('host-1');
    expect(inventory.networks.length).toBeGreaterThan(0);
  });
  it('leaves a machine the engine refuses (unknown platform) in place, reports it, and loads the rest', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const { api } = client(first);
    const good = await api.createMachine({ name: 'keeps-loading', osType: 'debian64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const bad = await api.createMachine({ name: 'hand-edited', osType: 'debian64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    await first.close();
    const { readFile } = await import('node:fs/promises');
    const badFile = path.join(dir, 'machines', `${bad.id}.json`);
    const edited = (await readFile(badFile, 'utf8')).replace('"platformId": "esx-atlas"', '"platformId": "no-such-platform"');
    expect(edited).toContain('no-such-platform');
    await writeFile(badFile, edited);

    const lines: string[] = [];
    const second = await open(dir, (line) => lines.push(line));
    try {
      const { api: again } = client(second);
      expect((await again.listMachines({})).map((machine) => machine.id)).toEqual([good.id]);
      const status = await again.getLibraryStatus({});
      expect(status.loadedMachines).toBe(1);
      expect(status.problems).toEqual([
        expect.objectContaining({ file: `machines/${bad.id}.json`, action: 'leftInPlace', reason: expect.stringContaining('no-such-platform') }),
      ]);
      expect(lines.some((line) => line.includes('hand-edited') && line.includes('left in place'))).toBe(true);
      // Saving the rest must not delete the refused document: the user can still mend it.
      await again.updateSettings({ id: good.id, patch: { memoryMiB: 2048 } });
      await second.flush();
      expect(await readFile(badFile, 'utf8')).toBe(edited);
    } finally {
      await second.close();
    }
  });
});
