// Each machine's configuration beyond its simulated guest (disk chain, snapshots, NICs, optical drive, origin), with the pools and networks.
import { AppError } from '../shared/errors.ts';
import type { MachineOrigin } from '../shared/domain/machineConfig.ts';
import type { LabelledFields } from '../shared/domain/machineLabels.ts';
import type { Attachment, IpMode, NicConfig, OpticalDrive } from '../shared/domain/network.ts';
import type { ApplianceDisk, DiskAllocation } from '../shared/domain/storage.ts';
import { DiskStore } from './storage/diskStore.ts';
import type { PoolDef } from './storage/diskStore.ts';
import { NetworkStore } from './network/networkStore.ts';
import type { StaticHolder } from './network/networkStore.ts';
import type { NetworkDef } from './network/networkCatalog.ts';
import { IsoStore } from './media/isoStore.ts';
import type { IsoImage } from '../shared/domain/media.ts';
import type { InstalledPlatform } from '../shared/domain/platforms.ts';

export interface NicState {
  readonly attachment: Attachment;
  readonly networkId: string;
  readonly mac: string;
  readonly ipMode: IpMode;
  readonly staticIp: string | undefined;
}

export interface SnapshotNode {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  parentId: string | undefined;
  readonly takenAtMs: number;
  readonly withMemory: boolean;
  readonly memoryStateMiB: number;
  imageId: string;
  readonly settings: { readonly osType: string; readonly vcpus: number; readonly memoryMiB: number; readonly diskGiB: number };
}

export interface MachineConfigState {
  readonly machineId: string;
  /** Host whose storage pool holds the machine's disks (changes when the machine moves to another host). */
  hostId: string;
  readonly diskAllocation: DiskAllocation;
  currentImageId: string;
  currentSnapshotId: string | undefined;
  /** In the order taken. */
  readonly snapshots: Map<string, SnapshotNode>;
  nics: NicState[];
  optical: OpticalDrive;
  origin: MachineOrigin | undefined;
  /** Every disk of an imported appliance (MachineConfig.disks); carried, not simulated. */
  readonly disks: readonly ApplianceDisk[] | undefined;
  /** Group ("lab/web"), owner, purpose, tags and expiry: labels for people, the simulation ignores them. */
  labels: LabelledFields;
}

export class MachineConfigStore {
  readonly disks: DiskStore;
  readonly networks: NetworkStore;
  readonly isos: IsoStore;
  /** Platforms installed from the app, in installation order (the library keeps them to restore them). */
  platforms: InstalledPlatform[] = [];
  readonly configs = new Map<string, MachineConfigState>();

  constructor(pools: readonly PoolDef[], networks: readonly NetworkDef[], isos: readonly (IsoImage | Omit<IsoImage, 'id'>)[] = [], hostName?: (hostId: string) => string) {
    this.disks = new DiskStore(pools);
    this.networks = new NetworkStore(networks, hostName);
    this.isos = new IsoStore(isos);
  }

  /** Images no machine reads (neither its current state nor a snapshot): kept files of removed machines. */
  orphanedImages(): Set<string> {
    const read = new Set<string>();
    for (const machineId of this.configs.keys()) for (const image of this.imagesOf(machineId)) read.add(image);
    return new Set([...this.disks.images.keys()].filter((id) => !read.has(id)));
  }

  require(machineId: string): MachineConfigState {
    const config = this.configs.get(machineId);
    if (!config) throw new AppError('NOT_FOUND', `There is no machine with id "${machineId}"; it may have been deleted`, 'id');
    return config;
  }

  /** Every image a machine reads: the chains of its current state and of its snapshots. */
  imagesOf(machineId: string): Set<string> {
    const config = this.require(machineId);
    const ids = new Set<string>();
    const add = (leaf: string) => {
      for (const image of this.disks.chain(leaf)) ids.add(image.id);
    };
    add(config.currentImageId);
    for (const node of config.snapshots.values()) add(node.imageId);
    return ids;
  }

  /** Other machines reading any image `machineId` reads (linked clones and their sources): their records change with it. */
  relatedMachines(machineId: string): string[] {
    if (!this.configs.has(machineId)) return [];
    const mine = this.imagesOf(machineId);
    const related: string[] = [];
    for (const other of this.configs.keys()) {
      if (other === machineId) continue;
      for (const image of this.imagesOf(other)) {
        if (mine.has(image)) {
          related.push(other);
          break;
        }
      }
    }
    return related;
  }

  /** Machine id → the image it writes now; the roots of reference counting. */
  currentImages(): Map<string, string> {
    const map = new Map<string, string>();
    for (const [id, config] of this.configs) map.set(id, config.currentImageId);
    return map;
  }

  staticHolders(exceptMachineId?: string): StaticHolder[] {
    const out: StaticHolder[] = [];
    for (const config of this.configs.values()) {
      if (config.machineId === exceptMachineId) continue;
      for (const nic of config.nics) if (nic.ipMode === 'static' && nic.staticIp !== undefined) out.push({ machineId: config.machineId, networkId: nic.networkId, ip: nic.staticIp });
    }
    return out;
  }

  /** Machine ids holding `mac` on any adapter. */
  macHolders(mac: string): string[] {
    const out: string[] = [];
    for (const config of this.configs.values()) if (config.nics.some((nic) => nic.mac === mac)) out.push(config.machineId);
    return out;
  }

  isMacTaken = (mac: string): boolean => this.macHolders(mac).length > 0;

  /** The address an adapter uses now: its static address or its DHCP lease. */
  ipOf(nic: NicState): string {
    if (nic.ipMode === 'static' && nic.staticIp !== undefined) return nic.staticIp;
    return this.networks.leaseOf(nic.networkId, nic.mac) ?? '';
  }

  nicConfigs(config: MachineConfigState): NicConfig[] {
    return config.nics.map((nic, i) => ({ slot: i + 1, attachment: nic.attachment, networkId: nic.networkId, mac: nic.mac, ipMode: nic.ipMode, ip: this.ipOf(nic) }));
  }

  /** Takes DHCP leases for the adapters of `config` that use DHCP. */
  leaseAll(config: MachineConfigState): void {
    for (const nic of config.nics) if (nic.ipMode === 'dhcp') this.networks.lease(nic.networkId, nic.mac, config.machineId, this.staticHolders());
  }

  releaseLeases(config: MachineConfigState): void {
    for (const nic of config.nics) this.networks.release(nic.networkId, nic.mac, config.machineId);
  }

  /** Deletion, storage first: frees disks and memory states, releases leases, then forgets the configuration. Returns MiB freed. */
  forget(machineId: string): number {
    const config = this.require(machineId);
    const freed = this.disks.releaseMachine(machineId);
    this.releaseLeases(config);
    this.configs.delete(machineId);
    return freed;
  }
}
