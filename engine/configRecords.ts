// Saving and rebuilding machine configurations (images, snapshots, NICs) so a restarted engine has the same disks and leases.
import { AppError } from '../shared/errors.ts';
import type { MachineConfigRecord } from '../shared/domain/machineConfig.ts';
import type { MachineRecord } from '../shared/engine/protocol.ts';
import type { MachineConfigState, MachineConfigStore, SnapshotNode } from './machineConfigStore.ts';
import { gib, installedFootprintMiB } from './storage/diskMath.ts';
import { labelFields } from '../shared/domain/machineLabels.ts';
import { savedStateKey } from './storage/diskStore.ts';
import type { ImageRec } from './storage/diskStore.ts';
import type { KeptImage } from '../shared/domain/media.ts';

/** An image as records and the inventory keep it. */
export function imageRecord(image: ImageRec): KeptImage {
  const out: KeptImage = { id: image.id, hostId: image.hostId, kind: image.kind, allocation: image.allocation, capacityMiB: image.capacityMiB, allocatedMiB: Math.round(image.allocatedMiB) };
  if (image.parentId !== undefined) out.parentId = image.parentId;
  if (image.ownerMachineId !== undefined) out.ownerMachineId = image.ownerMachineId;
  if (image.snapshotId !== undefined) out.snapshotId = image.snapshotId;
  if (image.formerOwnerName !== undefined) out.formerOwnerName = image.formerOwnerName;
  if (image.compactFloorMiB !== undefined) out.compactFloorMiB = Math.round(image.compactFloorMiB);
  return out;
}

export function exportConfig(lib: MachineConfigStore, machineId: string): MachineConfigRecord {
  const config = lib.require(machineId);
  const ids = new Set<string>();
  const images: MachineConfigRecord['images'] = [];
  const add = (leaf: string) => {
    for (const image of lib.disks.chain(leaf)) {
      if (ids.has(image.id)) continue;
      ids.add(image.id);
      images.push(imageRecord(image));
    }
  };
  for (const node of config.snapshots.values()) add(node.imageId);
  add(config.currentImageId);
  const record: MachineConfigRecord = {
    diskAllocation: config.diskAllocation,
    images,
    currentImageId: config.currentImageId,
    snapshots: [...config.snapshots.values()].map((node) => {
      const out: MachineConfigRecord['snapshots'][number] = { id: node.id, name: node.name, description: node.description, takenAtMs: node.takenAtMs, withMemory: node.withMemory, memoryStateMiB: node.memoryStateMiB, diskImageId: node.imageId, settings: { ...node.settings } };
      if (node.parentId !== undefined) out.parentId = node.parentId;
      return out;
    }),
    nics: lib.nicConfigs(config),
    optical: config.optical,
  };
  if (config.currentSnapshotId !== undefined) record.currentSnapshotId = config.currentSnapshotId;
  if (config.origin !== undefined) record.origin = { ...config.origin };
  if (config.disks !== undefined) record.disks = config.disks.map((disk) => ({ ...disk }));
  return record;
}

/**
 * Rebuilds configurations in a fresh library. Records with a `config` come back as saved (images merged by id, leases
 * kept); older records without one get one thin disk with the installed OS and one NAT adapter with their MAC.
 */
export function importConfigs(lib: MachineConfigStore, records: readonly MachineRecord[], keptImages: readonly KeptImage[] = []): void {
  const disks = lib.disks;
  // Kept files of removed machines first: records may build on them (a linked clone of a machine removed with "Remove only").
  for (const image of keptImages) {
    if (disks.images.has(image.id)) continue;
    disks.images.set(image.id, { ...image, parentId: image.parentId, ownerMachineId: undefined, snapshotId: image.snapshotId, children: 0 });
    disks.noteId(image.id);
  }
  records.forEach((record, i) => {
    const saved = record.config;
    if (!saved) return;
    for (const image of saved.images) {
      if (disks.images.has(image.id)) continue;
      disks.images.set(image.id, { ...image, parentId: image.parentId, ownerMachineId: image.ownerMachineId, snapshotId: image.snapshotId, children: 0 });
      disks.noteId(image.id);
    }
    const snapshots = new Map<string, SnapshotNode>();
    for (const node of saved.snapshots) {
      snapshots.set(node.id, { id: node.id, name: node.name, description: node.description, parentId: node.parentId, takenAtMs: node.takenAtMs, withMemory: node.withMemory, memoryStateMiB: node.memoryStateMiB, imageId: node.diskImageId, settings: node.settings });
      if (node.memoryStateMiB > 0) disks.memoryStates.set(node.id, { machineId: record.id, hostId: record.hostId, sizeMiB: node.memoryStateMiB });
    }
    const config: MachineConfigState = {
      machineId: record.id,
      hostId: record.hostId,
      diskAllocation: saved.diskAllocation,
      currentImageId: saved.currentImageId,
      currentSnapshotId: saved.currentSnapshotId,
      snapshots,
      nics: saved.nics.map((nic) => ({ attachment: nic.attachment, networkId: nic.networkId, mac: nic.mac, ipMode: nic.ipMode, staticIp: nic.ipMode === 'static' ? nic.ip : undefined })),
      optical: saved.optical,
      origin: saved.origin,
      disks: saved.disks,
      labels: labelFields(record),
    };
    lib.configs.set(record.id, config);
    if (saved.optical.kind === 'iso') lib.isos.ensure(saved.optical.image);
    if (saved.savedState) disks.memoryStates.set(savedStateKey(record.id), { machineId: record.id, hostId: record.hostId, sizeMiB: saved.savedState.sizeMiB, savedState: true });
    // An adapter on a network that no longer exists is moved by rehomeAdapters afterwards.
    for (const nic of saved.nics) if (nic.ipMode === 'dhcp' && nic.ip !== '' && lib.networks.has(nic.networkId)) lib.networks.adopt(nic.networkId, nic.mac, nic.ip, record.id);
    const missing = [saved.currentImageId, ...saved.snapshots.map((s) => s.diskImageId)].find((id) => !disks.images.has(id));
    if (missing !== undefined) throw new AppError('VALIDATION', `Machine "${record.name}" refers to disk image "${missing}" that its record does not contain`, `machines.${i}.config.images`);
  });
  for (const image of disks.images.values()) {
    if (image.parentId === undefined) continue;
    const parent = disks.images.get(image.parentId);
    if (!parent) throw new AppError('VALIDATION', `Disk image "${image.id}" builds on "${image.parentId}", which no record contains`, 'machines');
    parent.children += 1;
  }
  for (const record of records) {
    if (record.config) continue;
    const capacity = gib(record.diskGiB);
    const base = disks.createBase(record.id, record.hostId, 'dynamic', capacity, installedFootprintMiB(record.osType, capacity));
    const config: MachineConfigState = {
      machineId: record.id,
      hostId: record.hostId,
      diskAllocation: 'dynamic',
      currentImageId: base.id,
      currentSnapshotId: undefined,
      snapshots: new Map(),
      nics: [{ attachment: 'nat', networkId: lib.networks.resolve('nat', undefined, 'nic', record.hostId).id, mac: record.nic.mac, ipMode: 'dhcp', staticIp: undefined }],
      optical: { kind: 'empty' },
      origin: undefined,
      disks: undefined,
      labels: labelFields(record),
    };
    lib.configs.set(record.id, config);
    lib.leaseAll(config);
  }
}
