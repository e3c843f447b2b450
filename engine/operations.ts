// Engine commands on machine configuration: snapshots, clones, settings, storage pools and networks (the facade delegates here).
import { AppError } from '../shared/errors.ts';
import type { Machine } from '../shared/domain/machine.ts';
import type { MachineConfig, SettingsRules } from '../shared/domain/machineConfig.ts';
import type { VirtualNetwork } from '../shared/domain/network.ts';
import type { SnapshotTree } from '../shared/domain/snapshot.ts';
import type { StoragePool } from '../shared/domain/storage.ts';
import type { EngineInput, MachineRecord } from '../shared/engine/protocol.ts';
import { planClone } from './clone/cloneOps.ts';
import type { ParsedCloneOptions } from './clone/cloneOps.ts';
import { exportConfig } from './configRecords.ts';
import type { OpsContext } from './opsContext.ts';
import { reconfigureGuest } from './sim/reconfigure.ts';
import { planSettings } from './settings/applySettings.ts';
import type { ParsedSettingsPatch } from './settings/applySettings.ts';
import { settingsRules } from './settings/settingsRules.ts';
import { planDelete, planRestore, planTake, snapshotTree } from './snapshots/snapshotOps.ts';
import type { SavedSettings } from './snapshots/snapshotOps.ts';

/** What the operations need from the facade on top of the shared context. */
export interface FacadePort extends OpsContext {
  upsert(machineId: string): Machine;
  /** Id of the machine using `name` (case-insensitive), if any. */
  nameHolder(name: string): string | undefined;
  hasMachine(machineId: string): boolean;
  /** Creates a clone's guest on the source's platform and registers it; refusing changes nothing. */
  createGuest(cloneId: string, sourceId: string, name: string, settings: SavedSettings): void;
  setOsType(machineId: string, osType: string): void;
  /** Keeps the facade's name index in step with a rename. */
  renamed(machineId: string, oldName: string): void;
  record(machineId: string): MachineRecord;
}

export class Operations {
  private readonly port: FacadePort;

  constructor(port: FacadePort) {
    this.port = port;
  }

  settingsOf(machineId: string): SavedSettings {
    const rec = this.port.rec(machineId);
    return { osType: this.port.osTypeOf(machineId), vcpus: rec.spec.vcpus, memoryMiB: rec.spec.memoryMiB, diskGiB: rec.spec.diskGiB };
  }

  machineConfig(machineId: string): MachineConfig {
    const lib = this.port.library;
    const config = lib.require(machineId);
    const chain = lib.disks.chain(config.currentImageId);
    const owned = [...lib.disks.images.values()].filter((image) => image.ownerMachineId === machineId).reduce((sum, image) => sum + image.allocatedMiB, 0);
    const out: MachineConfig = {
      machineId,
      disk: {
        allocation: config.diskAllocation,
        capacityGiB: this.port.rec(machineId).spec.diskGiB,
        currentImageId: config.currentImageId,
        chain: chain.map((image) => image.id),
        ownedMiB: Math.round(owned),
      },
      nics: lib.nicConfigs(config),
      optical: config.optical,
      snapshotCount: config.snapshots.size,
    };
    if (config.origin) out.origin = { ...config.origin };
    if (config.disks) out.disks = config.disks.map((disk) => ({ ...disk }));
    if (config.currentSnapshotId !== undefined) out.currentSnapshotId = config.currentSnapshotId;
    return out;
  }

  exportRecords(): MachineRecord[] {
    return this.port.machineIds().map((id) => ({ ...this.port.record(id), config: exportConfig(this.port.library, id) }));
  }

  takeSnapshot(input: EngineInput<'takeSnapshot'>): SnapshotTree {
    this.port.rec(input.id);
    const spec = input.spec;
    planTake(this.port, input.id, { snapshotId: input.snapshotId, name: spec.name.trim(), description: spec.description ?? '', withMemory: spec.withMemory ?? false }, this.settingsOf(input.id))();
    return snapshotTree(this.port, input.id);
  }

  restoreSnapshot(input: EngineInput<'restoreSnapshot'>): SnapshotTree {
    this.port.rec(input.id);
    const revert = (settings: SavedSettings) => {
      const patch: ParsedSettingsPatch = { osType: settings.osType as ParsedSettingsPatch['osType'], vcpus: settings.vcpus, memoryMiB: settings.memoryMiB };
      const commit = planSettings(this.port, input.id, patch, { nameHolder: this.port.nameHolder });
      return () => {
        commit();
        this.port.setOsType(input.id, settings.osType);
        // A disk grown after the snapshot shrinks back with it: the restored image is the snapshot's.
        const rec = this.port.rec(input.id);
        if (rec.spec.diskGiB !== settings.diskGiB) reconfigureGuest(this.port.world, rec.spec.name, { diskGiB: settings.diskGiB });
      };
    };
    planRestore(this.port, input.id, input.snapshotId, revert)();
    this.port.upsert(input.id);
    return snapshotTree(this.port, input.id);
  }

  deleteSnapshot(input: EngineInput<'deleteSnapshot'>): SnapshotTree & { freedMiB: number } {
    this.port.rec(input.id);
    const freed = planDelete(this.port, input.id, input.snapshotId)();
    return { ...snapshotTree(this.port, input.id), freedMiB: Math.round(freed) };
  }

  listSnapshots(machineId: string): SnapshotTree {
    this.port.rec(machineId);
    return snapshotTree(this.port, machineId);
  }

  cloneMachine(input: EngineInput<'cloneMachine'>): Machine {
    this.port.rec(input.id);
    if (this.port.hasMachine(input.cloneId)) throw new AppError('CONFLICT', `A machine with id "${input.cloneId}" already exists`, 'cloneId');
    const options = input.options as ParsedCloneOptions;
    const name = options.name.trim();
    planClone(this.port, input.id, input.cloneId, options, {
      nameHolder: this.port.nameHolder,
      currentSettings: () => this.settingsOf(input.id),
      createGuest: (settings) => this.port.createGuest(input.cloneId, input.id, name, settings),
    })();
    return this.port.upsert(input.cloneId);
  }

  updateSettings(input: EngineInput<'updateSettings'>): Machine {
    this.port.rec(input.id);
    const patch = input.patch as ParsedSettingsPatch;
    const oldName = this.port.nameOf(input.id);
    const changed = planSettings(this.port, input.id, patch, { nameHolder: this.port.nameHolder })();
    if (changed.includes('osType') && patch.osType !== undefined) this.port.setOsType(input.id, patch.osType);
    if (changed.includes('name')) this.port.renamed(input.id, oldName);
    return this.port.upsert(input.id);
  }

  settingsRules(machineId: string): SettingsRules {
    this.port.rec(machineId);
    return settingsRules(this.port, machineId);
  }

  listStorage(): StoragePool[] {
    return this.port.library.disks.listPools(this.port.library.currentImages());
  }

  listNetworks(): VirtualNetwork[] {
    return this.port.library.networks.list(this.port.library.staticHolders());
  }
}
