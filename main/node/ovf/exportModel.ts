// What an export needs per machine: the backend's record plus its kind, normalised to full settings (defaults for old records).
import type { MachineRecord } from '../../../shared/engine/protocol.ts';
import type { PlatformKind } from '../../../shared/domain/virtualization.ts';
import type { NicConfig, OpticalDrive } from '../../../shared/domain/network.ts';
import type { ApplianceDisk, DiskAllocation } from '../../../shared/domain/storage.ts';
import { findOsType } from '../../../shared/domain/osTypes.ts';
import type { OsTypeId } from '../../../shared/domain/osTypes.ts';
import type { VirtlabSection } from './virtlabSection.ts';
import type { MachineOrigin } from '../../../shared/domain/machineConfig.ts';

export type ExportMachine = MachineRecord & { kind?: PlatformKind };

export interface ExportSettings {
  name: string;
  osType: OsTypeId;
  vcpus: number;
  memoryMiB: number;
  diskGiB: number;
  /** Every disk, first (the simulated one) first; MiB so an imported 64 MiB disk goes out as 64 MiB again. */
  disks: ApplianceDisk[];
  diskAllocation: DiskAllocation;
  nics: NicConfig[];
  optical: OpticalDrive;
  section: VirtlabSection;
}

/** Records written before configs existed get one thin disk and one NAT NIC, as the engine assumes when restoring them. */
export function exportSettings(machine: ExportMachine): ExportSettings {
  const config = machine.config;
  const osType = (findOsType(machine.osType)?.id ?? 'other64') as OsTypeId;
  const nics: NicConfig[] = config?.nics.length
    ? config.nics
    : [{ slot: 1, attachment: machine.nic.network, networkId: machine.nic.network, mac: machine.nic.mac, ipMode: 'dhcp', ip: '' }];
  const optical: OpticalDrive = config?.optical ?? { kind: 'empty' };
  const diskAllocation: DiskAllocation = config?.diskAllocation ?? 'dynamic';
  const snapshots = (config?.snapshots ?? []).map((snap) => ({
    name: snap.name,
    takenAtMs: snap.takenAtMs,
    withMemory: snap.withMemory,
    current: snap.id === config?.currentSnapshotId,
  }));
  const section: VirtlabSection = {
    osType,
    ...(machine.group === undefined ? {} : { group: machine.group }),
    ...(machine.kind ? { kind: machine.kind } : {}),
    platformId: machine.platformId,
    hostId: machine.hostId,
    workload: machine.workload,
    diskAllocation,
    nics,
    optical,
    snapshots,
    snapshotCount: snapshots.length,
    ...(machine.owner === undefined ? {} : { owner: machine.owner }),
    ...(machine.purpose === undefined ? {} : { purpose: machine.purpose }),
    ...(machine.tags === undefined || machine.tags.length === 0 ? {} : { tags: machine.tags }),
    ...(machine.expiresOn === undefined ? {} : { expiresOn: machine.expiresOn }),
    ...(config?.origin ? { origin: originOf(config.origin) } : {}),
  };
  return { name: machine.name, osType, vcpus: machine.vcpus, memoryMiB: machine.memoryMiB, diskGiB: machine.diskGiB, disks: disksOf(machine), diskAllocation, nics, optical, section };
}

/** The record's disks when an import kept them; the first follows the simulated disk unless only rounding separates them. */
function disksOf(machine: ExportMachine): ApplianceDisk[] {
  const simulated = { label: 'disk1', capacityMiB: machine.diskGiB * 1024 };
  const [first, ...more] = machine.config?.disks ?? [];
  if (first === undefined) return [simulated];
  const sameDisk = Math.ceil(first.capacityMiB / 1024) === machine.diskGiB;
  return [sameDisk ? first : { ...first, capacityMiB: simulated.capacityMiB }, ...more];
}

/** The origin by name; the id is only meaningful in the library it came from. */
function originOf(origin: MachineOrigin): NonNullable<VirtlabSection['origin']> {
  const out: NonNullable<VirtlabSection['origin']> = { machineName: origin.machineName ?? origin.machineId, mode: origin.mode };
  if (origin.snapshotName !== undefined) out.snapshotName = origin.snapshotName;
  return out;
}
