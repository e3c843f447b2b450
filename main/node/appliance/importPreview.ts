// Turns import plans into what the wizard shows: free names, a placement that exists here, workload and disk defaults.
import type { ImportSystem } from '../../../shared/domain/appliance.ts';
import type { Host, PlatformSummary } from '../../../shared/domain/host.ts';
import { machineLimits, machineNameKey } from '../../../shared/domain/machine.ts';
import type { Machine } from '../../../shared/domain/machine.ts';
import { findOsType } from '../../../shared/domain/osTypes.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImportPlan } from '../ovf/importPlan.ts';

const defaultWorkload = 'web';
const defaultDiskAllocation = 'dynamic';

/** `name`, or `name_1`, `name_2`… (shortened to fit) when taken, as VirtualBox names imported copies. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(machineNameKey(name))) return name;
  for (let n = 1; ; n += 1) {
    const suffix = `_${n}`;
    const candidate = `${name.slice(0, machineLimits.nameMaxLength - suffix.length)}${suffix}`;
    if (!taken.has(machineNameKey(candidate))) return candidate;
  }
}

export function platformOn(hosts: readonly Host[], hostId: string, platformId: string): PlatformSummary | undefined {
  return hosts.find((host) => host.id === hostId)?.platforms.find((platform) => platform.id === platformId && platform.acceptsGuests);
}

/** The default host's default platform: where the New Machine wizard puts a machine when nothing is chosen. */
export function defaultPlacement(hosts: readonly Host[]): { host: Host; platform: PlatformSummary } {
  for (const host of hosts) {
    const platform = host.platforms.find((candidate) => candidate.acceptsGuests);
    if (platform) return { host, platform };
  }
  throw new AppError('INVALID_STATE', 'No host here can take new machines, so nothing can be imported');
}

export function previewSystems(plans: readonly ImportPlan[], machines: readonly Machine[], hosts: readonly Host[]): ImportSystem[] {
  const taken = new Set(machines.map((machine) => machineNameKey(machine.name)));
  const fallback = defaultPlacement(hosts);
  return plans.map((plan) => {
    const warnings = [...plan.warnings];
    const suggestedName = freeName(plan.name, taken);
    taken.add(machineNameKey(suggestedName));
    if (suggestedName !== plan.name) warnings.push(`A machine named "${plan.name}" already exists; the copy is named "${suggestedName}"`);
    const section = plan.virtlab;
    let hostId = fallback.host.id;
    let platformId = fallback.platform.id;
    if (section) {
      if (platformOn(hosts, section.hostId, section.platformId)) {
        hostId = section.hostId;
        platformId = section.platformId;
      } else {
        warnings.push(`Platform "${section.platformId}" on host "${section.hostId}" does not exist here; the machine goes to ${fallback.platform.name} on ${fallback.host.name}`);
      }
      if (section.snapshotCount > 0) {
        warnings.push(`${section.snapshotCount} snapshot${section.snapshotCount === 1 ? ' is' : 's are'} listed in the file but not imported (the package holds no disk states)`);
      }
    }
    let diskGiB = plan.disks[0]?.capacityGiB;
    if (diskGiB === undefined) {
      diskGiB = findOsType(plan.osType)?.recommended.diskGiB ?? 20;
      warnings.push(`No disk found; an empty ${diskGiB} GiB disk is created`);
    }
    warnings.push(...diskNotes(plan.disks));
    return {
      sourceId: plan.sourceId,
      name: plan.name,
      suggestedName,
      ...(plan.group === undefined ? {} : { group: plan.group }),
      osType: plan.osType,
      vcpus: plan.vcpus,
      memoryMiB: plan.memoryMiB,
      diskGiB,
      disks: plan.disks.map((disk) => ({ diskId: disk.diskId, capacityBytes: disk.capacityBytes, capacityMiB: disk.capacityMiB, ...(disk.fileRef === undefined ? {} : { fileRef: disk.fileRef }) })),
      nics: plan.nics.map((nic) => ({ slot: nic.slot, attachment: nic.attachment, connection: nic.connection, ...(nic.mac === undefined ? {} : { mac: nic.mac }) })),
      optical: plan.optical,
      virtlab: section
        ? {
            ...(section.kind === undefined ? {} : { kind: section.kind }),
            hostId: section.hostId,
            platformId: section.platformId,
            workload: section.workload,
            diskAllocation: section.diskAllocation,
            snapshotCount: section.snapshotCount,
            ...(section.owner === undefined ? {} : { owner: section.owner }),
            ...(section.purpose === undefined ? {} : { purpose: section.purpose }),
            ...(section.tags === undefined ? {} : { tags: section.tags }),
            ...(section.expiresOn === undefined ? {} : { expiresOn: section.expiresOn }),
            ...(section.origin === undefined ? {} : { origin: section.origin }),
          }
        : null,
      hostId,
      platformId,
      workload: section?.workload ?? defaultWorkload,
      diskAllocation: section?.diskAllocation ?? defaultDiskAllocation,
      warnings,
      ...(plan.refusal === undefined ? {} : { refusal: plan.refusal }),
    };
  });
}

const sizeText = (mib: number): string => (mib % 1024 === 0 ? `${mib / 1024} GiB` : mib < 1024 ? `${mib} MiB` : `${(mib / 1024).toFixed(1)} GiB`);

/** What happens to disks the engine cannot simulate as they are: sizes below whole GiB and every disk after the first. */
function diskNotes(disks: ImportPlan['disks']): string[] {
  const notes: string[] = [];
  const [first, ...more] = disks;
  if (first && first.capacityMiB % 1024 !== 0) {
    notes.push(`Disk "${first.diskId}" is ${sizeText(first.capacityMiB)}; it is simulated as ${first.capacityGiB} GiB (Virtlab simulates whole GiB) and its real size is kept in the machine's configuration`);
  }
  if (more.length > 0) {
    const list = more.map((disk) => `"${disk.diskId}" (${sizeText(disk.capacityMiB)})`).join(', ');
    notes.push(`${disks.length} disks: Virtlab simulates the first; ${list} ${more.length === 1 ? 'is' : 'are'} kept in the machine's configuration and exported again`);
  }
  return notes;
}
