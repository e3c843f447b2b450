// Engine commands on machine configuration: snapshots, clones, settings, moves, storage pools and networks.
import { AppError } from '../shared/errors.ts';
import type { FitReason, FitVerdict } from '../shared/domain/fitCheck.ts';
import type { MachineConfig, SettingsCheck, SettingsRules } from '../shared/domain/machineConfig.ts';
import type { VirtualNetwork } from '../shared/domain/network.ts';
import type { SnapshotTree } from '../shared/domain/snapshot.ts';
import type { StoragePool } from '../shared/domain/storage.ts';
import type { EngineInput } from '../shared/engine/protocol.ts';
import { planClone } from './clone/cloneOps.ts';
import type { ParsedCloneOptions } from './clone/cloneOps.ts';
import { contractField, toContractError } from './fitView.ts';
import type { OpsContext } from './opsContext.ts';
import { planSettings } from './settings/applySettings.ts';
import type { ParsedSettingsPatch } from './settings/applySettings.ts';
import { settingsRules } from './settings/settingsRules.ts';
import { planDelete, planRestore, planTake, snapshotTree } from './snapshots/snapshotOps.ts';
import type { SavedSettings } from './snapshots/snapshotOps.ts';
import { planStorageMove } from './storage/storageMove.ts';
import { diskUsageNote } from './storage/diskNotes.ts';

/** What the operations need from the facade on top of the shared context. */
export interface FacadePort extends OpsContext {
  /** Id of the machine using `name` (case-insensitive), if any. */
  nameHolder(name: string): string | undefined;
  /** Creates a clone's guest on the source's platform; refusing changes nothing. */
  createGuest(cloneId: string, sourceId: string, name: string, settings: SavedSettings): void;
}

export class Operations {
  private readonly port: FacadePort;

  constructor(port: FacadePort) {
    this.port = port;
  }

  settingsOf(machineId: string): SavedSettings {
    const guest = this.port.guest(machineId);
    return { osType: guest.os, vcpus: guest.vcpus, memoryMiB: guest.memoryMiB, diskGiB: guest.diskGiB };
  }

  machineConfig(machineId: string): MachineConfig {
    const configs = this.port.configs;
    const config = configs.require(machineId);
    const chain = configs.disks.chain(config.currentImageId);
    const owned = [...configs.disks.images.values()].filter((image) => image.ownerMachineId === machineId).reduce((sum, image) => sum + image.allocatedMiB, 0);
    const out: MachineConfig = {
      machineId,
      disk: {
        allocation: config.diskAllocation,
        capacityGiB: this.port.guest(machineId).diskGiB,
        currentImageId: config.currentImageId,
        chain: chain.map((image) => image.id),
        ownedMiB: Math.round(owned),
        usage: diskUsageNote({
          allocation: config.diskAllocation,
          osType: this.port.guest(machineId).os,
          capacityGiB: this.port.guest(machineId).diskGiB,
          linked: config.origin?.mode === 'linked',
          fullCloneOf: config.origin?.mode === 'full' && this.port.world.has(config.origin.machineId) ? this.port.nameOf(config.origin.machineId) : undefined,
          chainLength: chain.length,
        }),
      },
      nics: configs.nicConfigs(config),
      optical: config.optical,
      snapshotCount: config.snapshots.size,
    };
    if (config.origin) out.origin = { ...config.origin };
    if (config.disks) out.disks = config.disks.map((disk) => ({ ...disk }));
    if (config.currentSnapshotId !== undefined) out.currentSnapshotId = config.currentSnapshotId;
    return out;
  }

  takeSnapshot(input: EngineInput<'takeSnapshot'>): SnapshotTree {
    this.port.guest(input.id);
    const spec = input.spec;
    planTake(this.port, input.id, { snapshotId: input.snapshotId, name: spec.name.trim(), description: spec.description ?? '', withMemory: spec.withMemory ?? false }, this.settingsOf(input.id))();
    return snapshotTree(this.port, input.id);
  }

  restoreSnapshot(input: EngineInput<'restoreSnapshot'>): SnapshotTree {
    this.port.guest(input.id);
    const revert = (settings: SavedSettings) => {
      const patch: ParsedSettingsPatch = { osType: settings.osType as ParsedSettingsPatch['osType'], vcpus: settings.vcpus, memoryMiB: settings.memoryMiB };
      const commit = planSettings(this.port, input.id, patch, { nameHolder: this.port.nameHolder });
      return () => {
        commit();
        // A disk grown after the snapshot shrinks back with it: the restored image is the snapshot's.
        if (this.port.guest(input.id).diskGiB !== settings.diskGiB) this.port.world.reconfigure(input.id, { diskGiB: settings.diskGiB });
      };
    };
    planRestore(this.port, input.id, input.snapshotId, revert)();
    return snapshotTree(this.port, input.id);
  }

  deleteSnapshot(input: EngineInput<'deleteSnapshot'>): SnapshotTree & { freedMiB: number } {
    this.port.guest(input.id);
    const freed = planDelete(this.port, input.id, input.snapshotId)();
    return { ...snapshotTree(this.port, input.id), freedMiB: Math.round(freed) };
  }

  listSnapshots(machineId: string): SnapshotTree {
    this.port.guest(machineId);
    return snapshotTree(this.port, machineId);
  }

  cloneMachine(input: EngineInput<'cloneMachine'>): void {
    this.port.guest(input.id);
    if (this.port.world.has(input.cloneId)) throw new AppError('CONFLICT', `A machine with id "${input.cloneId}" already exists`, 'cloneId');
    const options = input.options as ParsedCloneOptions;
    const name = options.name.trim();
    planClone(this.port, input.id, input.cloneId, options, {
      nameHolder: this.port.nameHolder,
      currentSettings: () => this.settingsOf(input.id),
      createGuest: (settings) => this.port.createGuest(input.cloneId, input.id, name, settings),
    })();
  }

  updateSettings(input: EngineInput<'updateSettings'>): void {
    this.port.guest(input.id);
    planSettings(this.port, input.id, input.patch as ParsedSettingsPatch, { nameHolder: this.port.nameHolder })();
  }

  /** Plans the patch as updateSettings does and drops the commit: the same rules, nothing changed. */
  checkSettings(input: EngineInput<'checkSettings'>): SettingsCheck {
    this.port.guest(input.id);
    try {
      planSettings(this.port, input.id, input.patch as ParsedSettingsPatch, { nameHolder: this.port.nameHolder });
      return { problem: null };
    } catch (error) {
      if (error instanceof AppError) return { problem: error.toData() };
      throw error;
    }
  }

  settingsRules(machineId: string): SettingsRules {
    this.port.guest(machineId);
    return settingsRules(this.port, machineId);
  }

  /**
   * Whether the machine can move now, with every reason migrateMachine would give: its disks' move first (linked clones,
   * the destination pool's space), then the core's rules; fields named as the contract names them.
   */
  checkMigration(input: EngineInput<'checkMigration'>): FitVerdict {
    const world = this.port.world;
    const hostId = world.platform(input.platformId).hostId;
    const reasons: FitReason[] = [];
    try {
      planStorageMove(this.port, input.id, hostId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reasons.push({ severity: 'refused', code: fitReasonCode(error.code), field: contractField(error.field) ?? 'platformId', message: error.message });
    }
    const core = world.checkMigration(input.id, input.platformId);
    for (const reason of core.reasons) reasons.push({ ...reason, field: contractField(reason.field) ?? reason.field });
    const refused = reasons.filter((r) => r.severity === 'refused');
    const ordered = [...refused, ...reasons.filter((r) => r.severity === 'warning')];
    return {
      verdict: refused.length > 0 ? 'refused' : ordered.length > 0 ? 'warning' : 'ok',
      reasons: ordered,
      wouldFree: [...core.wouldFree],
      chain: [...core.chain],
      zones: world.zones(input.platformId),
    };
  }

  /** Moves a machine to another platform; its disks follow when the platform is on another host. */
  migrateMachine(input: EngineInput<'migrateMachine'>): void {
    const target = this.port.world.platform(input.platformId);
    const moveStorage = planStorageMove(this.port, input.id, target.hostId);
    try {
      this.port.world.migrate(input.id, input.platformId);
    } catch (error) {
      throw error instanceof AppError ? toContractError(error) : error;
    }
    moveStorage();
  }

  listStorage(): StoragePool[] {
    return this.port.configs.disks.listPools(this.port.configs.currentImages());
  }

  listNetworks(): VirtualNetwork[] {
    return this.port.configs.networks.list(this.port.configs.staticHolders());
  }
}

/** A refusal's code as a fit reason can carry it. */
function fitReasonCode(code: string): FitReason['code'] {
  return code === 'CONFLICT' || code === 'INSUFFICIENT_RESOURCES' || code === 'INVALID_STATE' ? code : 'VALIDATION';
}
