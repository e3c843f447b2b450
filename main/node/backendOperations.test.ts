// Machine operations through the backend against the real engine worker: engine rules, refusals that change nothing, events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/api/events.ts';
import type { AppApi } from '../../shared/api/methods.ts';
import type { AppErrorData } from '../../shared/errors.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { StoragePool } from '../../shared/domain/storage.ts';
import { BackendService } from './backendService.ts';
import { EngineHost } from './engineHost.ts';
import { nextMachine } from './testing/events.ts';

const workerUrl = new URL('../../engine/worker.ts', import.meta.url);
const spec = { name: 'web-01', osType: 'ubuntu64' as const, vcpus: 2, memoryMiB: 2048, diskGiB: 20 };

let host: EngineHost;
let backend: BackendService;
let api: AppApi;
const received: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  host = new EngineHost({ workerUrl, seed: 11, speed: 20, log: () => undefined });
  await host.start();
  backend = new BackendService({ engine: host, transport: 'web', version: 'test', log: () => undefined });
  api = backend.apiFor(backend.connect((event, payload) => received.push({ event, payload })));
});
afterAll(async () => {
  backend.dispose();
  await host.stop();
});

async function refusal(promise: Promise<unknown>): Promise<AppErrorData> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as AppErrorData,
  );
  return { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) };
}

async function run(machine: Machine): Promise<void> {
  const running = nextMachine(host, (m) => m.id === machine.id && m.state === 'Running');
  await api.startMachine({ id: machine.id });
  await running;
}

async function powerOff(machine: Machine): Promise<void> {
  const off = nextMachine(host, (m) => m.id === machine.id && m.state === 'PoweredOff');
  await api.stopMachine({ id: machine.id });
  await off;
}

const pool = async (): Promise<StoragePool> => (await api.listStorage({}))[0]!;
/** How many change batches reported a new configuration for the machine. */
const configEventsFor = (id: string) => received.filter((r) => r.event === 'machinesChanged' && (r.payload as { configChanged: string[] }).configChanged.includes(id)).length;

describe('snapshots through the backend', () => {
  it('takes three, restores the middle one (marker moves), and refuses to restore while running without changing anything', async () => {
    const vm = await api.createMachine({ ...spec, name: 'snap-01' });
    const names = ['installed', 'configured', 'tuned'];
    for (const name of names) await api.takeSnapshot({ id: vm.id, spec: { name } });
    let tree = await api.listSnapshots({ id: vm.id });
    expect(tree.snapshots.map((s) => s.name)).toEqual(names);
    const [first, middle, last] = tree.snapshots;
    expect([middle!.parentId, last!.parentId]).toEqual([first!.id, middle!.id]);
    expect(tree.currentSnapshotId).toBe(last!.id);

    tree = await api.restoreSnapshot({ id: vm.id, snapshotId: middle!.id });
    expect(tree.currentSnapshotId).toBe(middle!.id);
    // Its creation, three snapshots and the restore each reported a new configuration.
    expect(configEventsFor(vm.id)).toBe(5);

    await run(vm);
    const before = await api.listSnapshots({ id: vm.id });
    expect(await refusal(api.restoreSnapshot({ id: vm.id, snapshotId: first!.id }))).toEqual({
      code: 'INVALID_STATE',
      message: 'Power off "snap-01" before restoring snapshot "installed"',
      field: 'state',
    });
    expect(await api.listSnapshots({ id: vm.id })).toEqual(before);
    expect(configEventsFor(vm.id)).toBe(5);
    await powerOff(vm);
  });

  it('refuses to delete a snapshot with two children, then deletes a leaf and reclaims its space', async () => {
    const vm = await api.createMachine({ ...spec, name: 'snap-02' });
    const base = (await api.takeSnapshot({ id: vm.id, spec: { name: 'base' } })).currentSnapshotId!;
    const left = (await api.takeSnapshot({ id: vm.id, spec: { name: 'left' } })).currentSnapshotId!;
    await api.restoreSnapshot({ id: vm.id, snapshotId: base });
    await api.takeSnapshot({ id: vm.id, spec: { name: 'right' } });
    const before = await api.listSnapshots({ id: vm.id });
    expect(before.snapshots.find((s) => s.id === base)?.childIds).toHaveLength(2);
    const error = await refusal(api.deleteSnapshot({ id: vm.id, snapshotId: base }));
    expect(error).toMatchObject({ code: 'INVALID_STATE', field: 'snapshotId' });
    expect(error.message).toMatch(/^Snapshot "base" has \d children \(snapshots or the Current State\); delete all but one of them first$/);
    expect(await api.listSnapshots({ id: vm.id })).toEqual(before);

    const deleted = await api.deleteSnapshot({ id: vm.id, snapshotId: left });
    expect(deleted.snapshots.map((s) => s.name)).toEqual(['base', 'right']);
    expect(deleted.freedMiB).toBeGreaterThanOrEqual(0);
  });
});

describe('clones, storage and deletion through the backend', () => {
  it('full clones copy the disk, linked clones only add a differencing disk; deleting frees space', async () => {
    const source = await api.createMachine({ ...spec, name: 'golden', diskAllocation: 'fixed' });
    const sourceConfig = await api.getMachineConfig({ id: source.id });
    expect(sourceConfig.disk.allocation).toBe('fixed');
    const start = await pool();

    const full = await api.cloneMachine({ id: source.id, options: { name: 'golden-full', mode: 'full' } });
    const afterFull = await pool();
    const linked = await api.cloneMachine({ id: source.id, options: { name: 'golden-linked', mode: 'linked' } });
    const afterLinked = await pool();
    const fullCost = afterFull.usedMiB - start.usedMiB;
    const linkedCost = afterLinked.usedMiB - afterFull.usedMiB;
    expect(fullCost).toBeGreaterThanOrEqual(sourceConfig.disk.ownedMiB);
    expect(linkedCost).toBeLessThan(fullCost / 10);
    expect(full.nic.mac).not.toBe(source.nic.mac);
    expect(linked.nic.mac).not.toBe(source.nic.mac);
    expect((await api.getMachineConfig({ id: linked.id })).origin).toMatchObject({ machineId: source.id, mode: 'linked' });
    expect((await api.listSnapshots({ id: source.id })).snapshots.map((s) => s.name)).toEqual(['Linked Base for golden and golden-linked']);
    // Both clones arrived in change batches, each with its new configuration, and the source's (a base snapshot) with them.
    const upserted = received.filter((r) => r.event === 'machinesChanged').flatMap((r) => (r.payload as { machines: Machine[] }).machines.map((m) => m.id));
    expect(upserted).toEqual(expect.arrayContaining([full.id, linked.id]));
    // The source's creation, then the linked clone (its new base snapshot); a full clone leaves the source as it was.
    expect(configEventsFor(source.id)).toBe(2);
    expect(configEventsFor(full.id) + configEventsFor(linked.id)).toBe(2);

    await api.deleteMachine({ id: full.id });
    const afterDelete = await pool();
    expect(afterLinked.usedMiB - afterDelete.usedMiB).toBe(fullCost);
    expect(afterDelete.freeMiB - afterLinked.freeMiB).toBe(fullCost);
  });

  it('refuses a static IP used by a running machine, naming the holder, and changes nothing', async () => {
    const holder = await api.createMachine({ ...spec, name: 'ip-holder', memoryMiB: 512 });
    const other = await api.createMachine({ ...spec, name: 'ip-other', memoryMiB: 512 });
    await run(holder);
    const ip = (await api.getMachineConfig({ id: holder.id })).nics[0]!.ip;
    expect(ip).toMatch(/^10\.0\.2\.\d+$/);
    const before = await api.getMachineConfig({ id: other.id });
    const events = configEventsFor(other.id);
    const error = await refusal(api.updateSettings({ id: other.id, patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: ip }] } }));
    expect(error).toEqual({ code: 'CONFLICT', message: `${ip} is already used by "ip-holder" on NatNetwork; choose another address`, field: 'nics.0.staticIp' });
    expect(await api.getMachineConfig({ id: other.id })).toEqual(before);
    expect(configEventsFor(other.id)).toBe(events);
    await powerOff(holder);
  });

  it('reflects the first adapter\'s real attachment in Machine.nic after a settings change', async () => {
    const vm = await api.createMachine({ ...spec, name: 'bridged-01' });
    expect(vm.nic.network).toBe('nat');
    const updated = await api.updateSettings({ id: vm.id, patch: { nics: [{ attachment: 'bridged' }, { attachment: 'nat' }], memoryMiB: 1024 } });
    expect(updated).toMatchObject({ memoryMiB: 1024, nic: { network: 'bridged' } });
    expect((await api.getMachine({ id: vm.id })).nic.network).toBe('bridged');
    expect((await api.getMachineConfig({ id: vm.id })).nics.map((n) => n.attachment)).toEqual(['bridged', 'nat']);
    const rules = await api.getSettingsRules({ id: vm.id });
    expect(rules.fields.memoryMiB.editable).toBe(true);
    const networks = await api.listNetworks({});
    // One NAT network per host (five hosts), the bridged LAN, a host-only and an internal network.
    expect(networks.map((n) => n.attachment).sort()).toEqual(['bridged', 'hostOnly', 'internal', 'nat', 'nat', 'nat', 'nat', 'nat']);
  });
});
