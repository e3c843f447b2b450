// The engine's inventory through a real library: networks, installed platforms, kept disks and Saved machines survive a restart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/api/events.ts';
import type { AppApi } from '../../shared/api/methods.ts';
import { openLibraryRuntime } from './libraryRuntime.ts';
import type { LibraryRuntime } from './libraryRuntime.ts';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { waitUntil } from './testing/waitUntil.ts';

const workerUrl = new URL('../../engine/worker.ts', import.meta.url);
const tempDir = useTempDirs();

function open(libraryDir: string, log: (line: string) => void = () => undefined): Promise<LibraryRuntime> {
  return openLibraryRuntime({ libraryDir, seed: 7, speed: 200, transport: 'web', version: 'test', workerUrl, log });
}

function client(runtime: LibraryRuntime): { api: AppApi; events: EventName[] } {
  const events: EventName[] = [];
  return { api: runtime.backend.apiFor(runtime.backend.connect((event) => events.push(event))), events };
}

describe('library inventory', () => {
  it('keeps networks, an installed hypervisor with its guest, kept disk files and a Saved machine across a restart', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const { api, events } = client(first);
    const network = await api.createNetwork({ name: 'Lab', attachment: 'internal', subnet: '10.50.0.0/24', gateway: '10.50.0.1', dhcpServer: '10.50.0.2', dhcpFirst: '10.50.0.10', dhcpLast: '10.50.0.99' });
    expect(events).toContain('inventoryChanged');
    const lpar = await api.createMachine({ name: 'lpar-a', osType: 'ubuntu64', vcpus: 4, memoryMiB: 8192, diskGiB: 20, platformId: 'lpar-fw' });
    await api.installPlatform({ name: 'KVM in lpar-a', kind: 'type1hosted', on: { guest: lpar.id }, os: 'linux' });
    const hosts = await api.listHosts({});
    const kvm = hosts.flatMap((h) => h.platforms).find((p) => p.name === 'KVM in lpar-a')!;
    const nested = await api.createMachine({ name: 'nested', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10, platformId: kvm.id });
    const gone = await api.createMachine({ name: 'gone', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
    await api.deleteMachine({ id: gone.id, mode: 'removeOnly' });
    const saved = await api.createMachine({ name: 'saved', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
    await api.startMachine({ id: saved.id });
    await waitUntil(async () => (await api.getMachine({ id: saved.id })).state === 'Running');
    await api.saveMachineState({ id: saved.id });
    const storage = await api.listStorage({});
    await first.close();

    const file = JSON.parse(await readFile(path.join(dir, 'inventory.json'), 'utf8')) as { networks: { id: string }[]; platforms: { name: string }[]; media: { type: string }[] };
    expect(file.networks.map((n) => n.id)).toContain(network.id);
    expect(file.platforms.map((p) => p.name)).toEqual(['KVM in lpar-a']);
    expect(file.media.filter((m) => m.type === 'disk')).toHaveLength(1);

    const second = await open(dir);
    try {
      const { api: again } = client(second);
      expect((await again.listNetworks({})).find((n) => n.id === network.id)).toMatchObject({ name: 'Lab', subnet: '10.50.0.0/24' });
      expect((await again.getMachine({ id: nested.id })).platformId).toBe(kvm.id);
      expect((await again.getMachine({ id: saved.id })).state).toBe('Saved');
      const orphan = (await again.listMedia({})).disks.find((d) => d.orphaned)!;
      expect(orphan).toMatchObject({ fileName: 'gone.vdi', role: 'Disk of removed machine gone' });
      expect(await again.listStorage({})).toEqual(storage);
    } finally {
      await second.close();
    }
  });

  it('re-seeds a restarted engine with the inventory it last reported', async () => {
    const dir = await tempDir();
    const runtime = await open(dir);
    try {
      const { api } = client(runtime);
      const network = await api.createNetwork({ name: 'Survivor', attachment: 'hostOnly', subnet: '192.168.77.0/24', gateway: '192.168.77.1', dhcpServer: '192.168.77.2', dhcpFirst: '192.168.77.10', dhcpLast: '192.168.77.20' });
      runtime.engine.crash('test');
      await waitUntil(() => runtime.engine.status().restarts === 1 && runtime.engine.status().state === 'running');
      expect((await api.listNetworks({})).map((n) => n.id)).toContain(network.id);
    } finally {
      await runtime.close();
    }
  });
});
