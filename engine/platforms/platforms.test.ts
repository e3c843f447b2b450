// Installing platforms from the app: a hypervisor in a partition, its guests, refusals with reasons, restarts, nested load.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, recordsOf, refusal, sampleOf, spec, startAndWait, telemetryOf } from '../facadeTestKit.ts';

function partitionWithKvm(): Engine {
  const engine = new Engine({ seed: 31 });
  engine.handle('createMachine', { id: id(1), spec: spec({ name: 'lpar-a', platformId: 'lpar-fw', vcpus: 4, memoryMiB: 16_384 }) });
  // Kept as a backend mirror would keep it (advancing time hands the pending changes out).
  recordsOf(engine);
  startAndWait(engine, id(1));
  engine.handle('installPlatform', { platformId: 'kvm-in-a', spec: { name: 'KVM in lpar-a', kind: 'type1hosted', on: { guest: id(1) }, os: 'linux' } });
  return engine;
}

describe('installPlatform', () => {
  it('installs a KVM-like hypervisor inside a partition, shows it as a platform of the host, and takes guests', () => {
    const engine = partitionWithKvm();
    const mainframe = engine.handle('listHosts', {}).find((h) => h.id === 'host-2')!;
    const kvm = mainframe.platforms.find((p) => p.id === 'kvm-in-a')!;
    expect(kvm).toMatchObject({ name: 'KVM in lpar-a', kind: 'type1hosted', partitionMachineId: id(1), acceptsGuests: true });
    // The partition's 4 cores, less what the host OS inside it keeps for itself.
    expect(kvm.capacity.cores).toBeGreaterThan(3.5);
    expect(kvm.capacity.cores).toBeLessThanOrEqual(4);
    expect(kvm.chain).toEqual(['Mainframe hardware (x86_64)', 'Type 0: Mainframe partitions', 'Partition: lpar-a', 'Type 1 hosted-OS: KVM in lpar-a']);
    const guest = engine.handle('createMachine', { id: id(2), spec: spec({ name: 'nested-vm', platformId: 'kvm-in-a', vcpus: 2, memoryMiB: 4096 }) });
    expect(guest).toMatchObject({ hostId: 'host-2', platformId: 'kvm-in-a', kind: 'type1hosted' });
    expect(guest.chain.at(-1)).toBe('nested-vm');
    expect(engine.handle('listEvents', { machineId: id(1) }).map((e) => e.message)).toContain('KVM in lpar-a installed in it');
    expect(engine.takeChanges()!.inventory!.platforms).toEqual([{ id: 'kvm-in-a', name: 'KVM in lpar-a', kind: 'type1hosted', on: { guest: id(1) }, os: 'linux' }]);
  });

  it('refuses a type 1 inside a type 1 virtual machine with the reason, logs it, and changes nothing', () => {
    const engine = new Engine({ seed: 32 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'esx-vm' }) });
    const before = fullSnapshot(engine);
    const error = refusal(() => engine.handle('installPlatform', { platformId: 'p', spec: { name: 'Nested ESX', kind: 'type1', on: { guest: id(1) } } }));
    expect(error.toData()).toEqual({
      code: 'VALIDATION',
      field: 'on',
      message: 'A type 1 hypervisor cannot run on another type 1: "esx-vm" is a virtual machine of type 1 platform "Atlas ESX". A type 1 needs bare hardware or a type 0 partition',
    });
    const after = fullSnapshot(engine);
    expect({ ...after, clock: undefined }).toEqual({ ...before, clock: undefined });
    expect(engine.handle('listEvents', { hostId: 'host-1' }).at(-1)!.message).toMatch(/^Cannot install type 1 \(bare metal\) "Nested ESX": A type 1 hypervisor cannot run on another type 1/);
    expect(engine.takeChanges()!.inventory).toBeUndefined();
  });

  it('refuses a second hypervisor in the same partition and a duplicate name', () => {
    const engine = partitionWithKvm();
    expect(refusal(() => engine.handle('installPlatform', { platformId: 'q', spec: { name: 'KVM in lpar-a', kind: 'type1', on: { guest: id(1) } } })).message).toBe('A platform named "KVM in lpar-a" already exists');
    expect(refusal(() => engine.handle('installPlatform', { platformId: 'q', spec: { name: 'ESX too', kind: 'type1', on: { guest: id(1) } } })).message).toMatch(/^partition "lpar-a" already runs/);
  });

  it('keeps the partition while a platform is installed in it', () => {
    const engine = partitionWithKvm();
    engine.handle('lifecycle', { id: id(1), action: 'powerOff' });
    expect(engine.handle('planRemoval', { id: id(1) }).refusal).toBe('"lpar-a" has a platform installed in it; it cannot be removed while a platform runs in it');
  });

  it('restores installed platforms after a restart, before the machines that run on them', () => {
    const engine = partitionWithKvm();
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'nested-vm', platformId: 'kvm-in-a', vcpus: 2, memoryMiB: 4096 }) });
    const inventory = engine.handle('getInventory', {});
    // The library may list the nested machine first; the engine waits for its platform.
    const records = recordsOf(engine).reverse();
    const restarted = new Engine({ seed: 31 });
    expect(restarted.handle('init', { seed: 31, speed: 1, machines: records, inventory })).toEqual({ simTimeMs: 0 });
    expect(restarted.handle('getMachine', { id: id(2) })).toMatchObject({ platformId: 'kvm-in-a', state: 'PoweredOff' });
    expect(restarted.handle('getInventory', {}).platforms.map((p) => p.id)).toEqual(['kvm-in-a']);
  });

  it('leaves out a platform whose partition is gone, saying why', () => {
    const engine = partitionWithKvm();
    const inventory = engine.handle('getInventory', {});
    const restarted = new Engine({ seed: 31 });
    const result = restarted.handle('init', { seed: 31, speed: 1, machines: [], inventory });
    expect(result.skippedPlatforms).toEqual([{ id: 'kvm-in-a', name: 'KVM in lpar-a', reason: `it was installed on machine "${id(1)}", which no longer exists` }]);
    expect(restarted.handle('getInventory', {}).platforms).toEqual([]);
  });

  it('shows the nested guests\' load in the partition\'s own CPU', () => {
    const engine = partitionWithKvm();
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'busy', platformId: 'kvm-in-a', vcpus: 2, memoryMiB: 2048, workload: 'cpuBatch' }) });
    engine.advance(2000);
    const idle = telemetryOf(engine.advance(1000)).at(-1)!;
    const idleCpu = sampleOf(idle, id(1), 'cpuGuestPct') ?? 0;
    startAndWait(engine, id(2));
    const batches = telemetryOf(engine.advance(5000));
    const last = batches.at(-1)!;
    const nested = sampleOf(last, id(2), 'cpuGuestPct')!;
    const partition = sampleOf(last, id(1), 'cpuGuestPct')!;
    expect(nested).toBeGreaterThan(50);
    // The partition's 4 cores carry the nested guest's 2 busy vCPUs.
    expect(partition).toBeGreaterThan(idleCpu + 30);
    expect(engine.handle('getMetrics', { id: id(1) }).cpu.grantedCores).toBeGreaterThan(1.5);
  });
});
