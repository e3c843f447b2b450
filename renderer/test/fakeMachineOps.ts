// Fake backend's model of issue 4: disks with space accounting, snapshot trees, clones, settings rules, pools and networks.
import { AppError } from '../../shared/errors.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { CloneOptions, MachineConfig, MachineOrigin, SettingsCheck, SettingsField, SettingsPatch, SettingsRules } from '../../shared/domain/machineConfig.ts';
import type { NicConfig, OpticalDrive, VirtualNetwork } from '../../shared/domain/network.ts';
import type { Snapshot, SnapshotTree, TakeSnapshotSpec } from '../../shared/domain/snapshot.ts';
import type { DiskAllocation, StoragePool } from '../../shared/domain/storage.ts';
import { worldHosts } from './fakeWorld.ts';

/** What the fake Atlas ESX has for guests' memory; more is refused, as the engine's fit rules would. */
const fakeGuestMemoryMiB = 63_488;

interface DiskState {
  allocation: DiskAllocation;
  /** Space of the base image this machine owns (0 for a linked clone, which reads its source's). */
  baseMiB: number;
  /** Written since the current snapshot. */
  currentMiB: number;
  snapshots: Omit<Snapshot, 'childIds'>[];
  currentSnapshotId?: string | undefined;
  nics: NicConfig[];
  optical: OpticalDrive;
  origin?: MachineOrigin | undefined;
}

export const fakeNetworks: VirtualNetwork[] = [
  { id: 'natnet', name: 'NatNetwork', attachment: 'nat', hostId: 'host-1', editable: true, subnet: '10.0.2.0/24', gateway: '10.0.2.1', dhcpServer: '10.0.2.3', dhcpRange: { first: '10.0.2.15', last: '10.0.2.254' }, leases: [], staticIps: [] },
  { id: 'lan', name: 'Bridged LAN', attachment: 'bridged', editable: false, subnet: '192.168.1.0/24', gateway: '192.168.1.1', dhcpServer: '192.168.1.1', dhcpRange: { first: '192.168.1.100', last: '192.168.1.199' }, leases: [], staticIps: [] },
  { id: 'vboxnet0', name: 'vboxnet0', attachment: 'hostOnly', editable: true, subnet: '192.168.56.0/24', gateway: '192.168.56.1', dhcpServer: '192.168.56.100', dhcpRange: { first: '192.168.56.101', last: '192.168.56.254' }, leases: [], staticIps: [] },
  { id: 'intnet', name: 'intnet', attachment: 'internal', editable: true, subnet: '172.16.0.0/24', gateway: '172.16.0.1', dhcpServer: '172.16.0.2', dhcpRange: { first: '172.16.0.10', last: '172.16.0.254' }, leases: [], staticIps: [] },
];

const fieldWords: Record<SettingsField, string> = {
  name: 'the name',
  osType: 'the OS type',
  vcpus: 'vCPUs',
  memoryMiB: 'memory',
  diskGiB: 'the disk size',
  nics: 'network adapters',
  optical: 'the optical drive',
  workload: 'the workload',
};
const liveFields: readonly SettingsField[] = ['name', 'optical', 'workload'];

export class FakeMachineOps {
  readonly #disks = new Map<string, DiskState>();
  #counter = 0;
  #nextLease = 15;

  readonly machines: () => Machine[];
  readonly clock: () => number;
  readonly changed: (id: string) => void;

  constructor(machines: () => Machine[], clock: () => number, changed: (id: string) => void) {
    this.machines = machines;
    this.clock = clock;
    this.changed = changed;
  }

  #id(prefix: string): string {
    this.#counter += 1;
    return `${prefix}-${this.#counter}`;
  }

  #find(id: string): Machine {
    const machine = this.machines().find((m) => m.id === id);
    if (!machine) throw new AppError('NOT_FOUND', 'No such machine');
    return machine;
  }

  #lease(): string {
    return `10.0.2.${this.#nextLease++}`;
  }

  /** Registers a new machine's disk; machines handed to the fake directly get a 3 GiB dynamic disk on first use. */
  register(machine: Machine, allocation: DiskAllocation = 'dynamic', baseMiB = allocation === 'fixed' ? machine.diskGiB * 1024 : 3072): DiskState {
    const disk: DiskState = {
      allocation,
      baseMiB,
      currentMiB: 0,
      snapshots: [],
      nics: [{ slot: 1, attachment: machine.nic.network, networkId: 'natnet', mac: machine.nic.mac, ipMode: 'dhcp', ip: this.#lease() }],
      optical: { kind: 'empty' },
    };
    this.#disks.set(machine.id, disk);
    return disk;
  }

  forget(id: string): void {
    this.#disks.delete(id);
  }

  disk(id: string): DiskState {
    return this.#disks.get(id) ?? this.register(this.#find(id));
  }

  #ownedMiB(disk: DiskState): number {
    return disk.baseMiB + disk.currentMiB + disk.snapshots.reduce((sum, s) => sum + s.diskMiB, 0);
  }

  config(id: string): MachineConfig {
    const machine = this.#find(id);
    const disk = this.disk(id);
    const chain = ['base', ...this.#branch(disk).map((s) => s.diskImageId), 'current'];
    return {
      machineId: id,
      disk: { allocation: disk.allocation, capacityGiB: machine.diskGiB, currentImageId: 'current', chain, ownedMiB: this.#ownedMiB(disk) },
      nics: structuredClone(disk.nics),
      optical: disk.optical,
      ...(disk.origin ? { origin: disk.origin } : {}),
      snapshotCount: disk.snapshots.length,
      ...(disk.currentSnapshotId ? { currentSnapshotId: disk.currentSnapshotId } : {}),
    };
  }

  /** Snapshots from the root down to the current one. */
  #branch(disk: DiskState): DiskState['snapshots'] {
    const path: DiskState['snapshots'] = [];
    let at = disk.snapshots.find((s) => s.id === disk.currentSnapshotId);
    while (at) {
      path.unshift(at);
      at = disk.snapshots.find((s) => s.id === at?.parentId);
    }
    return path;
  }

  tree(id: string): SnapshotTree {
    const disk = this.disk(id);
    const snapshots = disk.snapshots.map((s) => ({ ...s, childIds: disk.snapshots.filter((c) => c.parentId === s.id).map((c) => c.id) }));
    return { machineId: id, snapshots, ...(disk.currentSnapshotId ? { currentSnapshotId: disk.currentSnapshotId } : {}), currentState: { diskImageId: 'current', diskMiB: disk.currentMiB } };
  }

  take(id: string, spec: TakeSnapshotSpec): SnapshotTree {
    const machine = this.#find(id);
    const disk = this.disk(id);
    const live = machine.state === 'Running' || machine.state === 'Paused';
    if (spec.withMemory && !live) throw new AppError('INVALID_STATE', `"${machine.name}" is not running, so there is no memory state to save`, 'withMemory');
    const snapshotId = this.#id('snap');
    disk.snapshots.push({
      id: snapshotId,
      name: spec.name.trim(),
      description: spec.description ?? '',
      ...(disk.currentSnapshotId ? { parentId: disk.currentSnapshotId } : {}),
      takenAtMs: this.clock(),
      withMemory: spec.withMemory === true,
      memoryStateMiB: spec.withMemory ? machine.memoryMiB : 0,
      diskImageId: this.#id('img'),
      diskMiB: disk.currentMiB,
      settings: { osType: machine.osType, vcpus: machine.vcpus, memoryMiB: machine.memoryMiB, diskGiB: machine.diskGiB },
    });
    disk.currentSnapshotId = snapshotId;
    disk.currentMiB = 0;
    this.changed(id);
    return this.tree(id);
  }

  restore(id: string, snapshotId: string): SnapshotTree {
    const machine = this.#find(id);
    const disk = this.disk(id);
    const snapshot = disk.snapshots.find((s) => s.id === snapshotId);
    if (!snapshot) throw new AppError('NOT_FOUND', 'No such snapshot');
    if (machine.state !== 'PoweredOff') throw new AppError('INVALID_STATE', `Power off "${machine.name}" before restoring a snapshot`);
    disk.currentSnapshotId = snapshotId;
    disk.currentMiB = 0;
    Object.assign(machine, snapshot.settings);
    this.changed(id);
    return this.tree(id);
  }

  remove(id: string, snapshotId: string): SnapshotTree & { freedMiB: number } {
    const disk = this.disk(id);
    const snapshot = disk.snapshots.find((s) => s.id === snapshotId);
    if (!snapshot) throw new AppError('NOT_FOUND', 'No such snapshot');
    const children = disk.snapshots.filter((s) => s.parentId === snapshotId);
    if (children.length >= 2) throw new AppError('INVALID_STATE', `"${snapshot.name}" has ${children.length} child snapshots; delete all but one first`);
    for (const child of children) child.parentId = snapshot.parentId;
    if (disk.currentSnapshotId === snapshotId) disk.currentSnapshotId = snapshot.parentId;
    disk.snapshots = disk.snapshots.filter((s) => s.id !== snapshotId);
    this.changed(id);
    return { ...this.tree(id), freedMiB: snapshot.diskMiB + snapshot.memoryStateMiB };
  }

  #ipHolder(ip: string, exceptId: string): Machine | undefined {
    return this.machines().find((m) => m.id !== exceptId && m.state !== 'PoweredOff' && this.disk(m.id).nics.some((n) => n.ip === ip));
  }

  clone(id: string, options: CloneOptions, create: (source: Machine, name: string) => Machine): Machine {
    const source = this.#find(id);
    if (this.machines().some((m) => machineNameKey(m.name) === machineNameKey(options.name))) {
      throw new AppError('CONFLICT', `A machine named "${options.name.trim()}" already exists`, 'name');
    }
    if (options.ip?.mode === 'static') {
      const holder = this.#ipHolder(options.ip.address, id);
      if (holder) throw new AppError('CONFLICT', `${options.ip.address} is already used by running machine "${holder.name}"`, 'ip.address');
    }
    const sourceDisk = this.disk(id);
    if (options.mode === 'linked' && !sourceDisk.currentSnapshotId) this.take(id, { name: `Linked Base for ${source.name} and ${options.name.trim()}` });
    const clone = create(source, options.name.trim());
    const disk = this.register(clone, sourceDisk.allocation, options.mode === 'linked' ? 0 : this.#ownedMiB(sourceDisk));
    const nic = disk.nics[0]!;
    if ((options.macPolicy ?? 'generateNew') !== 'generateNew') nic.mac = source.nic.mac;
    clone.nic.mac = nic.mac;
    if (options.ip?.mode === 'static') Object.assign(nic, { ipMode: 'static', ip: options.ip.address });
    disk.origin = { machineId: id, mode: options.mode ?? 'full', ...(options.mode === 'linked' ? { snapshotId: sourceDisk.currentSnapshotId } : options.snapshotId ? { snapshotId: options.snapshotId } : {}) };
    this.changed(id);
    return clone;
  }

  rules(id: string): SettingsRules {
    const machine = this.#find(id);
    const off = machine.state === 'PoweredOff';
    const fields = {} as SettingsRules['fields'];
    for (const field of Object.keys(fieldWords) as SettingsField[]) {
      const editable = off || liveFields.includes(field);
      fields[field] = { editable, live: !off && editable, ...(editable ? {} : { reason: `Power off "${machine.name}" to change ${fieldWords[field]}` }) };
    }
    fields.diskGiB = { ...fields.diskGiB, min: machine.diskGiB };
    return { machineId: id, state: machine.state, fields };
  }

  /** checkSettings: what update would refuse first, changing nothing. */
  check(id: string, patch: SettingsPatch): SettingsCheck {
    try {
      this.#refuse(id, patch);
      return { problem: null };
    } catch (error) {
      if (error instanceof AppError) return { problem: error.toData() };
      throw error;
    }
  }

  #refuse(id: string, patch: SettingsPatch): void {
    const machine = this.#find(id);
    const rules = this.rules(id);
    for (const field of Object.keys(patch) as SettingsField[]) {
      const rule = rules.fields[field];
      if (rule && !rule.editable) throw new AppError('INVALID_STATE', rule.reason ?? 'Cannot change this now', field);
    }
    if (patch.name !== undefined && this.machines().some((m) => m.id !== id && machineNameKey(m.name) === machineNameKey(patch.name ?? ''))) {
      throw new AppError('CONFLICT', `A machine named "${patch.name.trim()}" already exists`, 'name');
    }
    if (patch.diskGiB !== undefined && patch.diskGiB < machine.diskGiB) throw new AppError('VALIDATION', `Disks only grow: "${machine.name}" has ${machine.diskGiB} GiB`, 'diskGiB');
    for (const [index, spec] of (patch.nics ?? []).entries()) {
      const holder = spec.ipMode === 'static' && spec.staticIp ? this.#ipHolder(spec.staticIp, id) : undefined;
      if (holder) throw new AppError('CONFLICT', `${spec.staticIp} is already used by running machine "${holder.name}"`, `nics.${index}.staticIp`);
    }
    // The fake host's share for guests, standing in for the engine's fit rules.
    if (patch.memoryMiB !== undefined && patch.memoryMiB > fakeGuestMemoryMiB) {
      throw new AppError('INSUFFICIENT_RESOURCES', `${patch.memoryMiB} MiB is more than the ${fakeGuestMemoryMiB} MiB Atlas ESX has for guests`, 'memoryMiB');
    }
  }

  update(id: string, patch: SettingsPatch): Machine {
    const machine = this.#find(id);
    this.#refuse(id, patch);
    const disk = this.disk(id);
    const nics = patch.nics?.map((spec, index): NicConfig => {
      const old = disk.nics[index];
      const ip = spec.ipMode === 'static' && spec.staticIp ? spec.staticIp : old?.ipMode === 'dhcp' ? old.ip : this.#lease();
      return { slot: index + 1, attachment: spec.attachment, networkId: spec.networkId ?? fakeNetworks.find((n) => n.attachment === spec.attachment)!.id, mac: spec.mac ?? old?.mac ?? machine.nic.mac, ipMode: spec.ipMode ?? 'dhcp', ip };
    });
    const { nics: _nics, optical, donorId: _donor, ...simple } = patch;
    Object.assign(machine, simple);
    if (nics) {
      disk.nics = nics;
      machine.nic = { mac: nics[0]!.mac, network: nics[0]!.attachment };
    }
    if (optical) disk.optical = optical;
    this.changed(id);
    return machine;
  }

  pools(): StoragePool[] {
    return worldHosts(this.machines()).map((host) => {
      const onHost = this.machines().filter((m) => m.hostId === host.id);
      const usedMiB = onHost.reduce((sum, m) => sum + this.#ownedMiB(this.disk(m.id)), 0);
      const capacityMiB = host.storageGiB * 1024;
      return { hostId: host.id, name: `${host.name} storage`, capacityMiB, usedMiB, freeMiB: capacityMiB - usedMiB, images: [], memoryStates: [], savedStates: [] };
    });
  }
}
