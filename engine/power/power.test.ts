// Power actions through the engine facade: ACPI shutdown (and guests that ignore it), power off, reset, saved state.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, recordsOf, refusal, spec, startAndWait, usedMiB } from '../facadeTestKit.ts';

const events = (engine: Engine, machineId: string) => engine.handle('listEvents', { machineId, limit: 500 }).map((e) => e.message);

function running(engine: Engine, overrides: Parameters<typeof spec>[0] = {}, n = 1): string {
  engine.handle('createMachine', { id: id(n), spec: spec(overrides) });
  startAndWait(engine, id(n));
  engine.advance(3000);
  return id(n);
}

describe('ACPI shutdown and Power Off', () => {
  it('shuts an idle guest down in a few seconds', () => {
    const engine = new Engine({ seed: 1 });
    const vm = running(engine, { workload: 'idle' });
    expect(engine.handle('lifecycle', { id: vm, action: 'stop' }).state).toBe('Stopping');
    engine.advance(3000);
    expect(engine.handle('getMachine', { id: vm }).state).toBe('PoweredOff');
    expect(events(engine, vm)).toContain('Stopping: presses the virtual acpi power button; the guest shuts down in 3 s');
  });

  it('says a guest without ACPI ignores the button, changes nothing, and Power Off still works', () => {
    const engine = new Engine({ seed: 2 });
    const vm = running(engine, { platformId: 'ws-qemu', osType: 'irix-mips', memoryMiB: 256, diskGiB: 4 });
    const before = fullSnapshot(engine);
    const error = refusal(() => engine.handle('lifecycle', { id: vm, action: 'stop' }));
    expect(error.toData()).toEqual({
      code: 'INVALID_STATE',
      field: 'shutdown',
      message: '"web-01" ignored the ACPI Shutdown: IRIX 6.5 (MIPS) has no ACPI support, so nothing in the guest answers the power button. Use Power Off to cut its power',
    });
    const { machines, storage, configs } = fullSnapshot(engine);
    expect({ machines, storage, configs }).toEqual({ machines: before.machines, storage: before.storage, configs: before.configs });
    const off = engine.handle('lifecycle', { id: vm, action: 'powerOff' });
    expect(off).toMatchObject({ state: 'PoweredOff', stateSinceMs: engine.simTimeMs });
    expect(events(engine, vm).at(-1)).toBe('Powered Off: power cut without asking the guest OS');
  });

  it('has a busy Windows guest ignore the power button, and an idle one obey it', () => {
    const engine = new Engine({ seed: 3 });
    const busy = running(engine, { name: 'win-busy', osType: 'windows10', workload: 'cpuBatch' }, 1);
    expect(refusal(() => engine.handle('lifecycle', { id: busy, action: 'stop' })).message).toMatch(
      /^"win-busy" ignored the ACPI Shutdown: Windows 10 \(64-bit\) ignores the power button while programs keep it busy \(its vCPUs are \d+ % busy\) and block the shutdown\. Use Power Off/,
    );
    expect(events(engine, busy).at(-1)).toMatch(/^"win-busy" ignored the ACPI Shutdown/);
    const idle = running(engine, { name: 'win-idle', osType: 'windows10', workload: 'idle' }, 2);
    expect(engine.handle('lifecycle', { id: idle, action: 'stop' }).state).toBe('Stopping');
  });

  it('stops a container with SIGTERM, and SIGKILLs a busy one after the grace period', () => {
    const engine = new Engine({ seed: 4 });
    const quiet = running(engine, { name: 'quiet', platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 512, diskGiB: 1, workload: 'idle' }, 1);
    engine.handle('lifecycle', { id: quiet, action: 'stop' });
    engine.advance(1000);
    expect(engine.handle('getMachine', { id: quiet }).state).toBe('PoweredOff');
    expect(events(engine, quiet).slice(-2)).toEqual(['Stopping: SIGTERM sent; the main process exits in 50 ms', 'Powered Off: exited on SIGTERM']);

    const busy = running(engine, { name: 'busy', platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 512, diskGiB: 1, workload: 'cpuBatch', vcpus: 1 }, 2);
    const at = engine.simTimeMs;
    engine.handle('lifecycle', { id: busy, action: 'stop' });
    engine.advance(9000);
    expect(engine.handle('getMachine', { id: busy }).state).toBe('Stopping');
    engine.advance(1000);
    expect(engine.handle('getMachine', { id: busy })).toMatchObject({ state: 'PoweredOff', stateSinceMs: at + 10_000 });
    expect(events(engine, busy).at(-1)).toBe('Powered Off: SIGKILL after the 10 s grace period');
  });

  it('powers off a machine that is already stopping', () => {
    const engine = new Engine({ seed: 5 });
    const vm = running(engine);
    engine.handle('lifecycle', { id: vm, action: 'stop' });
    expect(engine.handle('lifecycle', { id: vm, action: 'powerOff' }).state).toBe('PoweredOff');
    engine.advance(5000);
    expect(engine.handle('getMachine', { id: vm }).state).toBe('PoweredOff');
  });
});

describe('Reset', () => {
  it('reboots a running guest on the resources it holds, forgetting its memory', () => {
    const engine = new Engine({ seed: 6 });
    const vm = running(engine, { workload: 'database' });
    expect(engine.handle('getMetrics', { id: vm }).memory.usedMiB).toBeGreaterThan(0);
    const reset = engine.handle('lifecycle', { id: vm, action: 'reset' });
    expect(reset).toMatchObject({ state: 'Starting', stateSinceMs: engine.simTimeMs });
    expect(events(engine, vm).at(-1)).toMatch(/^Reset: hard reset, as with the reset button; boots in [\d.]+ s$/);
    for (let i = 0; i < 20 && engine.handle('getMachine', { id: vm }).state !== 'Running'; i++) engine.advance(1000);
    expect(engine.handle('getMachine', { id: vm }).state).toBe('Running');
  });

  it('powers off the guests of a partition that is reset', () => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'lpar', platformId: 'lpar-fw', vcpus: 4, memoryMiB: 8192 }) });
    startAndWait(engine, id(1));
    engine.handle('installPlatform', { platformId: 'kvm-lpar', spec: { name: 'KVM in lpar', kind: 'type1hosted', on: { guest: id(1) } } });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'nested', platformId: 'kvm-lpar', vcpus: 1, memoryMiB: 1024 }) });
    startAndWait(engine, id(2));
    engine.handle('lifecycle', { id: id(1), action: 'reset' });
    expect(engine.handle('getMachine', { id: id(2) }).state).toBe('PoweredOff');
    expect(events(engine, id(2)).at(-1)).toBe('Powered Off: partition "lpar" it ran in was reset');
  });
});

describe('Saved state', () => {
  it('writes the memory the guest touches to its pool, resumes from it and frees it', () => {
    const engine = new Engine({ seed: 8 });
    const vm = running(engine, { workload: 'database', memoryMiB: 4096 });
    engine.advance(10_000);
    const touched = engine.handle('getMetrics', { id: vm }).memory.usedMiB;
    const before = usedMiB(engine);
    const saved = engine.handle('lifecycle', { id: vm, action: 'saveState' });
    expect(saved.state).toBe('Saved');
    const size = usedMiB(engine) - before;
    expect(size).toBeGreaterThan(0);
    expect(Math.abs(size - touched)).toBeLessThanOrEqual(2);
    expect(engine.handle('listStorage', {}).find((p) => p.hostId === 'host-1')!.savedStates).toEqual([{ machineId: vm, sizeMiB: size }]);
    // A saved machine holds no CPU or memory on its host.
    expect(engine.handle('listHosts', {}).find((h) => h.id === 'host-1')!.platforms[0]!.runningGuests).toBe(0);
    expect(engine.handle('getSettingsRules', { id: vm }).fields.memoryMiB).toMatchObject({ editable: false, reason: '"web-01" is Saved: discard its saved state (or resume it and shut it down) to change memory' });
    expect(refusal(() => engine.handle('lifecycle', { id: vm, action: 'stop' })).message).toBe('Cannot stop "web-01": it is Saved');

    const resumed = engine.handle('lifecycle', { id: vm, action: 'start' });
    expect(resumed.state).toBe('Starting');
    expect(usedMiB(engine)).toBe(before);
    expect(events(engine, vm).at(-1)).toMatch(/^Starting: resumes from its saved state \(\d+ MiB\) in [\d.]+ s$/);
    for (let i = 0; i < 10 && engine.handle('getMachine', { id: vm }).state !== 'Running'; i++) engine.advance(1000);
    expect(events(engine, vm)).toContainEqual(expect.stringMatching(/^Running: resumed in/));
    // Its memory came back with it rather than being touched again from zero.
    expect(engine.handle('getMetrics', { id: vm }).memory.usedMiB).toBeGreaterThanOrEqual(touched * 0.9);
  });

  it('discards a saved state, freeing its space; the next start boots', () => {
    const engine = new Engine({ seed: 9 });
    const vm = running(engine);
    const before = usedMiB(engine);
    engine.handle('lifecycle', { id: vm, action: 'saveState' });
    expect(usedMiB(engine)).toBeGreaterThan(before);
    expect(engine.handle('lifecycle', { id: vm, action: 'discardState' }).state).toBe('PoweredOff');
    expect(usedMiB(engine)).toBe(before);
    engine.handle('lifecycle', { id: vm, action: 'start' });
    expect(events(engine, vm).at(-1)).toMatch(/^Starting: boots in/);
  });

  it('keeps a machine Saved across a restart of the engine, with its file in the pool', () => {
    const engine = new Engine({ seed: 10 });
    const vm = running(engine);
    engine.handle('lifecycle', { id: vm, action: 'saveState' });
    const used = usedMiB(engine);
    const records = recordsOf(engine);
    expect(records[0]!.config!.savedState).toMatchObject({ sizeMiB: expect.any(Number) });
    const restarted = new Engine({ seed: 10 });
    restarted.handle('init', { seed: 10, speed: 1, machines: records });
    expect(restarted.handle('getMachine', { id: vm }).state).toBe('Saved');
    expect(usedMiB(restarted)).toBe(used);
    restarted.handle('lifecycle', { id: vm, action: 'start' });
    expect(recordsOf(restarted)[0]!.config!.savedState).toBeUndefined();
  });

  it('refuses to save when the pool has no room, or for a process VM, and changes nothing', () => {
    const engine = new Engine({ seed: 11 });
    const jvm = running(engine, { name: 'jvm', platformId: 'ws-jvm', osType: 'other64', memoryMiB: 1024, diskGiB: 1 }, 1);
    expect(refusal(() => engine.handle('lifecycle', { id: jvm, action: 'saveState' })).message).toBe(
      '"jvm" cannot be saved: a process VM is an operating-system process: its heap cannot be written to disk and resumed; stop it and start it again',
    );
    const vm = running(engine, { name: 'big', workload: 'memoryHungry', memoryMiB: 16_384, diskGiB: 8 }, 2);
    engine.advance(60_000);
    // Fill the pool so the memory no longer fits.
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'filler', diskGiB: 2035 }), options: { diskAllocation: 'fixed' } });
    const before = fullSnapshot(engine);
    const error = refusal(() => engine.handle('lifecycle', { id: vm, action: 'saveState' }));
    expect(error.toData()).toMatchObject({ code: 'INSUFFICIENT_RESOURCES', field: 'saveState' });
    expect(error.message).toMatch(/^Storage pool "Atlas storage" has [\d.]+ GiB free; the saved state of "big" \(the \d+ MiB of memory it uses\) needs/);
    const after = fullSnapshot(engine);
    expect(after.machines).toEqual(before.machines);
    expect(after.storage).toEqual(before.storage);
  });

  it('checkpoints a container, which then shows Saved', () => {
    const engine = new Engine({ seed: 12 });
    const ct = running(engine, { platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 512, diskGiB: 1 });
    engine.handle('lifecycle', { id: ct, action: 'saveState' });
    expect(events(engine, ct).at(-1)).toMatch(/^Saved: \d+ MiB of memory written to its checkpoint$/);
  });

  it('frees the saved state when a saved machine is deleted', () => {
    const engine = new Engine({ seed: 13 });
    const empty = usedMiB(engine);
    const vm = running(engine);
    engine.handle('lifecycle', { id: vm, action: 'saveState' });
    engine.handle('deleteMachine', { id: vm });
    expect(usedMiB(engine)).toBe(empty);
  });
});
