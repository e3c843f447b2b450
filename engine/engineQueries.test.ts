// Tests for the Engine facade's queries and rules: type 0 refusals, delete, hosts, fit zones, metrics breakdown, events.
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { id, refusal, snapshot, spec } from './facadeTestKit.ts';

const hostOf = (engine: Engine, hostId: string) => engine.handle('listHosts', {}).find((h) => h.id === hostId)!;

describe('Engine: type 0 partitions', () => {
  it('refuses a partition needing more dedicated cores than are free, naming what would free them, and changes nothing', () => {
    const engine = new Engine({ seed: 1 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'lpar-a', platformId: 'lpar-fw', vcpus: 14 }) });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    const before = snapshot(engine);
    const error = refusal(() => engine.handle('createMachine', { id: id(2), spec: spec({ name: 'lpar-b', platformId: 'lpar-fw', vcpus: 2 }) }));
    expect(error.toData()).toEqual({
      code: 'INSUFFICIENT_RESOURCES',
      field: 'vcpus',
      message: 'Type 0 needs 2 dedicated cores for "lpar-b"; 1 is free; powering off "lpar-a" would free 14',
    });
    expect(snapshot(engine)).toEqual(before);
    const verdict = engine.handle('checkFit', { name: 'lpar-b', platformId: 'lpar-fw', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 });
    expect(verdict).toMatchObject({ verdict: 'refused', wouldFree: ['powering off "lpar-a" would free 14 cores'], zones: { vcpus: { green: 1, amber: 1 } } });
    expect(verdict.reasons[0]).toEqual({ severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: error.message });
    const events = engine.handle('listEvents', { hostId: 'host-2' });
    expect(events.at(-1)).toMatchObject({ hostId: 'host-2', kind: 'refusal', subject: 'lpar-b', message: expect.stringContaining('Type 0 needs 2 dedicated cores') });
  });
});

describe('Engine: delete', () => {
  it('deletes only powered-off machines, frees the host and reuses the slot', () => {
    const engine = new Engine({ seed: 2 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a', vcpus: 4, memoryMiB: 4096, diskGiB: 100 }) });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1) })).toData()).toEqual({ code: 'INVALID_STATE', field: 'state', message: 'Stop "a" before deleting it (it is Starting)' });
    engine.handle('lifecycle', { id: id(1), action: 'stop' });
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1) })).message).toBe('Wait for "a" to finish stopping before deleting it');
    engine.advance(20_000);
    expect(hostOf(engine, 'host-1').committed).toEqual({ vcpus: 4, memoryMiB: 4096, storageGiB: 100 });
    engine.takeChanges();
    expect(engine.handle('deleteMachine', { id: id(1) })).toEqual({ id: id(1), freedMiB: 6400, removed: [id(1)] });
    expect(engine.takeChanges()).toMatchObject({ machines: [], records: [], removed: [id(1)] });
    expect(hostOf(engine, 'host-1').committed).toEqual({ vcpus: 0, memoryMiB: 0, storageGiB: 0 });
    expect(hostOf(engine, 'host-1').platforms[0]).toMatchObject({ guests: 0, committed: { vcpus: 0, memoryMiB: 0 } });
    expect(refusal(() => engine.handle('getMachine', { id: id(1) })).code).toBe('NOT_FOUND');
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1) })).code).toBe('NOT_FOUND');
    // The name is free again, and the new machine starts from a clean slot.
    const again = engine.handle('createMachine', { id: id(2), spec: spec({ name: 'A' }) });
    expect(again.state).toBe('PoweredOff');
    expect(engine.handle('getMetrics', { id: id(2) }).cpu.grantedCores).toBe(0);
  });
});

describe('Engine: hosts', () => {
  it('lists the default world with platforms, chains, dedicated and shared capacity, and settings', () => {
    const engine = new Engine({ seed: 3 });
    const hosts = engine.handle('listHosts', {});
    expect(hosts.map((h) => [h.id, h.name, h.cores, h.memoryMiB, h.platforms.map((p) => p.id)])).toEqual([
      ['host-1', 'Atlas', 16, 65_536, ['esx-atlas']],
      ['host-2', 'Mainframe', 16, 131_072, ['lpar-fw']],
      ['host-3', 'Hyperion', 12, 49_152, ['kvm-hyperion']],
      ['host-4', 'Xenon', 12, 49_152, ['xen-xenon']],
      ['host-5', 'Workstation', 8, 32_768, ['ws-linux', 'ws-vbox', 'ws-qemu', 'ws-jvm', 'ws-lxc']],
    ]);
    const lpar = hosts[1]!.platforms[0]!;
    expect(lpar).toMatchObject({ kind: 'type0', dedicated: true, acceptsGuests: true, capacity: { cores: 15 }, settings: { controlPartitionCores: 1, freeCores: 15 } });
    const [linux, vbox, qemu] = hosts[4]!.platforms;
    expect(linux).toMatchObject({ kind: 'hostOs', acceptsGuests: false });
    expect(vbox).toMatchObject({ kind: 'type2', parentPlatformId: 'ws-linux', dedicated: false, settings: { admin: false, hardwareAssist: false } });
    expect(vbox!.chain).toEqual(['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Type 2: Desktop VMM (no admin)']);
    expect(qemu).toMatchObject({ settings: { mode: 'dbt' } });
    expect(hosts[4]!.hostOs).toBe('Linux');
  });

  it('reports overcommit ratios and utilisation of the last second', () => {
    const engine = new Engine({ seed: 4 });
    for (let i = 0; i < 3; i++) engine.handle('createMachine', { id: id(i), spec: spec({ name: `big-${i}`, platformId: 'xen-xenon', osType: 'debian64', vcpus: 8, memoryMiB: 16_384, workload: 'cpuBatch' }) });
    for (let i = 0; i < 3; i++) engine.handle('lifecycle', { id: id(i), action: 'start' });
    engine.advance(20_000);
    const xenon = hostOf(engine, 'host-4');
    expect(xenon.platforms[0]!.overcommit.cpu).toBeGreaterThan(2);
    expect(xenon.platforms[0]!.runningGuests).toBe(3);
    expect(xenon.utilisation.cpuPct).toBeGreaterThan(90);
    // Atlas runs no guest, yet its hypervisor keeps 0.1 of its 16 cores busy: an idle host is not free.
    expect(hostOf(engine, 'host-1').utilisation.cpuPct).toBeCloseTo((100 * 0.1) / 16, 1);
  });
});

describe('Engine: checkFit', () => {
  it('gives green up to what fits without overcommit and amber up to what the platform can give', () => {
    const engine = new Engine({ seed: 5 });
    const input = { platformId: 'esx-atlas', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 } as const;
    const empty = engine.handle('checkFit', input);
    expect(empty).toMatchObject({ verdict: 'ok', reasons: [], chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', 'new machine'] });
    // Amber: a guest may have as many vCPUs as the host has cores (the platform overcommits); green: what is uncommitted.
    expect(empty.zones.vcpus).toEqual({ green: 15, amber: 16 });
    engine.handle('createMachine', { id: id(1), spec: spec({ vcpus: 10, memoryMiB: 40_000 }) });
    const busy = engine.handle('checkFit', { ...input, name: 'web-01' });
    expect(busy.zones.vcpus).toEqual({ green: 5, amber: 16 });
    expect(busy.zones.memoryMiB.green).toBe(empty.zones.memoryMiB.green - 40_000);
    expect(busy.zones.memoryMiB.amber).toBe(empty.zones.memoryMiB.amber);
    expect(busy.reasons[0]).toEqual({ severity: 'refused', code: 'CONFLICT', field: 'name', message: 'A machine named "web-01" already exists' });
  });

  it('explains warnings and refusals by field, and changes nothing', () => {
    const engine = new Engine({ seed: 6 });
    const before = snapshot(engine);
    const events = engine.handle('listEvents', {}).length;
    const vbox = engine.handle('checkFit', { platformId: 'ws-vbox', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 });
    expect(vbox.verdict).toBe('warning');
    expect(vbox.reasons[0]).toMatchObject({ severity: 'warning', field: 'platformId', message: expect.stringContaining('binary translation') });
    const mips = engine.handle('checkFit', { platformId: 'ws-qemu', osType: 'irix-mips', vcpus: 1, memoryMiB: 256, diskGiB: 4 });
    expect(mips.verdict).toBe('ok');
    const wrongIsa = engine.handle('checkFit', { platformId: 'kvm-hyperion', osType: 'macos9-ppc', vcpus: 1, memoryMiB: 256, diskGiB: 2 });
    expect(wrongIsa).toMatchObject({ verdict: 'refused', reasons: [{ code: 'VALIDATION', field: 'osType' }] });
    const mismatch = engine.handle('checkFit', { platformId: 'esx-atlas', hostId: 'host-3', osType: 'ubuntu64', vcpus: 1, memoryMiB: 256, diskGiB: 2 });
    expect(mismatch).toMatchObject({ verdict: 'refused', reasons: [{ code: 'VALIDATION', field: 'hostId' }], zones: { vcpus: { green: 0, amber: 0 } } });
    expect(snapshot(engine)).toEqual(before);
    expect(engine.handle('listEvents', {})).toHaveLength(events);
  });
});

describe('Engine: metrics', () => {
  const kinds = [
    ['esx-atlas', 'ubuntu64'],
    ['lpar-fw', 'ubuntu64'],
    ['kvm-hyperion', 'debian64'],
    ['xen-xenon', 'debian64'],
    ['ws-vbox', 'ubuntu64'],
    ['ws-qemu', 'debian-ppc'],
    ['ws-jvm', 'other64'],
    ['ws-lxc', 'alpine64'],
  ] as const;

  it('breaks granted CPU into guest work and causes of overhead that sum to it, per kind', () => {
    const engine = new Engine({ seed: 7 });
    kinds.forEach(([platformId, osType], i) => {
      engine.handle('createMachine', { id: id(i), spec: spec({ name: platformId, platformId, osType, vcpus: 1, memoryMiB: 1024, workload: 'compile' }) });
      engine.handle('lifecycle', { id: id(i), action: 'start' });
    });
    engine.advance(40_000);
    const byKind = Object.fromEntries(
      kinds.map(([platformId], i) => {
        const m = engine.handle('getMetrics', { id: id(i) });
        const b = m.breakdown;
        expect(m.simTimeMs).toBe(40_000);
        expect(b.guestWork + b.vmm + b.translation + b.hostOs + b.io, platformId).toBeCloseTo(m.cpu.grantedCores, 3);
        expect(m.cpu.grantedCores, platformId).toBeGreaterThan(0);
        // Event by event, the causes add up to the overhead, largest first.
        const causes = b.causes.reduce((sum, c) => sum + c.cores, 0);
        expect(causes, platformId).toBeCloseTo(m.cpu.grantedCores - b.guestWork, 2);
        expect(b.causes.map((c) => c.cores), platformId).toEqual([...b.causes.map((c) => c.cores)].sort((x, y) => y - x));
        return [platformId, b];
      }),
    );
    expect(byKind['lpar-fw']!.vmm + byKind['lpar-fw']!.translation).toBe(0);
    expect(byKind['ws-vbox']!.translation).toBeGreaterThan(0.05);
    expect(byKind['ws-vbox']!.hostOs).toBeGreaterThan(0);
    expect(byKind['ws-qemu']!.translation).toBeGreaterThan(byKind['ws-qemu']!.guestWork);
    expect(byKind['esx-atlas']!.vmm).toBeGreaterThan(0);
    expect(byKind['esx-atlas']!.translation).toBe(0);
    expect(byKind['ws-lxc']!.vmm + byKind['ws-lxc']!.translation).toBe(0);
    const mechanisms = (platformId: string) => byKind[platformId]!.causes.map((c) => `${c.label}: ${c.mechanism}`);
    expect(mechanisms('ws-vbox')).toContain('kernel-mode instructions: binary translation of kernel code');
    expect(mechanisms('ws-vbox')).toContain('interrupts: world switch to the host OS');
    expect(mechanisms('esx-atlas')[0]).toBe('TLB misses: nested paging (two-dimensional page walk)');
    expect(mechanisms('xen-xenon')).toContain('page-table updates: hypercall');
    expect(mechanisms('ws-qemu')[0]).toMatch(/instructions: dynamic binary translation/);
  });
});

describe('Engine: events', () => {
  it('logs state changes per machine and per host, newest last, with a limit', () => {
    const engine = new Engine({ seed: 8 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'c1', platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 256 }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'vm' }) });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(1000);
    const mine = engine.handle('listEvents', { machineId: id(1) });
    expect(mine.map((e) => [e.atMs, e.kind, e.message])).toEqual([
      [0, 'config', 'Created on containers "LXC containers"'],
      [0, 'state', 'Starting: boots in 120 ms'],
      [120, 'state', 'Running: started in 120 ms'],
    ]);
    expect(mine.every((e) => e.hostId === 'host-5' && e.subject === 'c1' && e.machineId === id(1))).toBe(true);
    const atlas = engine.handle('listEvents', { hostId: 'host-1' });
    expect(atlas.every((e) => e.hostId === 'host-1')).toBe(true);
    expect(atlas.at(-1)).toMatchObject({ machineId: id(2), message: 'Created on type 1 (bare metal) "Atlas ESX"' });
    expect(engine.handle('listEvents', { limit: 2 })).toEqual(engine.handle('listEvents', {}).slice(-2));
    expect(engine.handle('listEvents', { machineId: id(1), hostId: 'host-1' })).toEqual([]);
  });
});
