// Reads an untrusted OVF 1.x/2.0 descriptor into one import plan per VirtualSystem, with clear errors for broken input.
import { AppError } from '../../../shared/errors.ts';
import { findOsType } from '../../../shared/domain/osTypes.ts';
import { macSchema } from '../../../shared/domain/network.ts';
import type { Attachment, OpticalDrive } from '../../../shared/domain/network.ts';
import { canonicalNamespace, ns, resourceType } from './ovfNamespaces.ts';
import { resolveOsType } from './osTypeMap.ts';
import { attr, childrenOf, firstChild, parseXmlSafely, xmlLimits } from './xmlTree.ts';
import type { XElement } from './xmlTree.ts';
import { clampPlan } from './importPlan.ts';
import type { ImportPlan, PlannedDisk, PlannedNic } from './importPlan.ts';
import { readVirtlabSection } from './virtlabSection.ts';

const envelopeSpaces = [ns.ovf1, ns.ovf2];
const itemSpaces = [ns.rasd, ns.epasd, ns.sasd];
export const descriptorLimits = { maxVirtualSystems: 100, maxItems: 256, maxDisks: 64 } as const;

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

/** Multipliers of OVF's programmatic units ("byte * 2^20") and the common names VMware and VirtualBox write. */
function unitBytes(units: string | undefined, context: string): number {
  const text = (units ?? 'byte').trim().toLowerCase().replace(/\s+/g, ' ');
  const named: Record<string, number> = { byte: 1, bytes: 1, kilobytes: 2 ** 10, kb: 2 ** 10, megabytes: 2 ** 20, mb: 2 ** 20, gigabytes: 2 ** 30, gb: 2 ** 30 };
  if (named[text] !== undefined) return named[text];
  const match = /^byte ?\* ?2 ?\^ ?(\d{1,2})$/.exec(text);
  if (match) return 2 ** Number(match[1]);
  return fail(`${context}: unit "${units ?? ''}" is not understood`);
}

function wholeNumber(text: string | undefined, context: string): number {
  const value = (text ?? '').trim();
  if (!/^\d{1,20}$/.test(value)) return fail(`${context} "${value}" is not a whole number`);
  return Number(value);
}

function prop(item: XElement, name: string): string | undefined {
  return firstChild(item, itemSpaces, name)?.text;
}

function attachmentOf(connection: string): Attachment | undefined {
  const key = connection.trim().toLowerCase().replace(/[\s_-]/g, '');
  const known: Record<string, Attachment> = { nat: 'nat', bridged: 'bridged', hostonly: 'hostOnly', internal: 'internal', intnet: 'internal' };
  return known[key];
}

interface DiskEntry {
  capacityBytes: number;
  fileRef?: string;
}

function readDiskSection(envelope: XElement): Map<string, DiskEntry> {
  const disks = new Map<string, DiskEntry>();
  const section = firstChild(envelope, envelopeSpaces, 'DiskSection');
  const entries = section ? childrenOf(section, envelopeSpaces, 'Disk') : [];
  if (entries.length > descriptorLimits.maxDisks) fail(`The DiskSection lists ${entries.length} disks; at most ${descriptorLimits.maxDisks} are accepted`);
  for (const disk of entries) {
    const id = attr(disk, envelopeSpaces, 'diskId') ?? fail('A Disk in the DiskSection has no ovf:diskId');
    const context = `Disk "${id}": capacity`;
    const capacity = wholeNumber(attr(disk, envelopeSpaces, 'capacity'), context) * unitBytes(attr(disk, envelopeSpaces, 'capacityAllocationUnits'), context);
    const fileRef = attr(disk, envelopeSpaces, 'fileRef');
    disks.set(id, fileRef ? { capacityBytes: capacity, fileRef } : { capacityBytes: capacity });
  }
  return disks;
}

function collectSystems(content: XElement, found: XElement[], depth: number): void {
  if (depth > 4) fail('VirtualSystemCollections are nested too deeply (at most 4 levels)');
  for (const child of content.children) {
    if (!envelopeSpaces.includes(child.ns as never)) continue;
    if (child.local === 'VirtualSystem') found.push(child);
    else if (child.local === 'VirtualSystemCollection') collectSystems(child, found, depth + 1);
    if (found.length > descriptorLimits.maxVirtualSystems) fail(`The descriptor has more than ${descriptorLimits.maxVirtualSystems} VirtualSystems`);
  }
}

function findVirtlabSection(system: XElement, hardware: XElement): XElement | undefined {
  return firstChild(hardware, ns.vl, 'VirtlabSection') ?? firstChild(system, ns.vl, 'VirtlabSection');
}

function readSystem(system: XElement, disks: Map<string, DiskEntry>): ImportPlan {
  const sourceId = attr(system, envelopeSpaces, 'id') ?? fail('A VirtualSystem has no ovf:id');
  const label = `VirtualSystem "${sourceId}"`;
  const hardware = firstChild(system, envelopeSpaces, 'VirtualHardwareSection') ?? fail(`${label} has no VirtualHardwareSection`);
  const warnings: string[] = [];
  const systemInfo = firstChild(hardware, envelopeSpaces, 'System');
  const name = firstChild(system, envelopeSpaces, 'Name')?.text || (systemInfo && firstChild(systemInfo, ns.vssd, 'VirtualSystemIdentifier')?.text) || sourceId;

  const osSection = firstChild(system, envelopeSpaces, 'OperatingSystemSection');
  if (!osSection) warnings.push(`${label} has no OperatingSystemSection`);
  const os = resolveOsType({
    cimId: osSection ? attr(osSection, envelopeSpaces, 'id') : undefined,
    vboxType: osSection ? firstChild(osSection, ns.vbox, 'OSType')?.text : undefined,
    vmwareType: osSection ? attr(osSection, ns.vmw, 'osType') : undefined,
    description: osSection ? firstChild(osSection, envelopeSpaces, 'Description')?.text : undefined,
  });
  if (os.warning) warnings.push(os.warning);

  const items = hardware.children.filter((child) => envelopeSpaces.includes(child.ns as never) && ['Item', 'StorageItem', 'EthernetPortItem'].includes(child.local));
  if (items.length > descriptorLimits.maxItems) fail(`${label} has ${items.length} hardware items; at most ${descriptorLimits.maxItems} are accepted`);
  let vcpus: number | undefined;
  let memoryMiB: number | undefined;
  const plannedDisks: PlannedDisk[] = [];
  const nics: PlannedNic[] = [];
  let optical: OpticalDrive | null = null;
  for (const item of items) {
    const type = Number(prop(item, 'ResourceType'));
    const itemName = prop(item, 'ElementName') ?? `item ${prop(item, 'InstanceID') ?? '?'}`;
    if (type === resourceType.cpu) {
      vcpus = wholeNumber(prop(item, 'VirtualQuantity'), `${label}: CPU count`);
    } else if (type === resourceType.memory) {
      const raw = prop(item, 'VirtualQuantity');
      if (!/^\s*\d{1,20}\s*$/.test(raw ?? '')) fail(`${label}: memory size "${raw ?? ''}" is not a number`);
      const bytes = Number(raw) * unitBytes(prop(item, 'AllocationUnits') ?? 'byte * 2^20', `${label}: memory`);
      memoryMiB = Math.ceil(bytes / 2 ** 20);
    } else if (type === resourceType.disk) {
      const resource = (prop(item, 'HostResource') ?? '').trim();
      const match = /^(?:ovf:)?\/disk\/(.+)$/.exec(resource) ?? fail(`${label}: disk "${itemName}" has HostResource "${resource}", not ovf:/disk/<id>`);
      const diskId = match[1] as string;
      const entry = disks.get(diskId) ?? fail(`${label}: disk "${itemName}" refers to "${diskId}", which is not in the DiskSection`);
      plannedDisks.push({ diskId, capacityGiB: Math.ceil(entry.capacityBytes / 2 ** 30), ...(entry.fileRef ? { fileRef: entry.fileRef } : {}) });
    } else if (type === resourceType.cdDrive || type === resourceType.dvdDrive) {
      if (optical) warnings.push(`${label}: extra optical drive "${itemName}" ignored (a Virtlab machine has one)`);
      optical ??= { kind: 'empty' };
    } else if (type === resourceType.ethernet) {
      const connection = prop(item, 'Connection')?.trim() || 'NAT';
      let attachment = attachmentOf(connection);
      if (!attachment) {
        warnings.push(`${label}: network "${connection}" is unknown; adapter ${nics.length + 1} is attached to NAT`);
        attachment = 'nat';
      }
      const mac = macSchema.safeParse(prop(item, 'Address') ?? '');
      nics.push({ slot: nics.length + 1, attachment, connection, ...(mac.success ? { mac: mac.data } : {}) });
    } else if (![resourceType.ideController, resourceType.sataController, resourceType.scsiController].includes(type as never)) {
      warnings.push(`${label}: hardware "${itemName}" (resource type ${Number.isNaN(type) ? 'missing' : type}) is not simulated and was ignored`);
    }
  }
  if (vcpus === undefined) warnings.push(`${label} has no CPU item; 1 vCPU is used`);
  const fallbackMemory = findOsType(os.osType)?.recommended.memoryMiB ?? 512;
  if (memoryMiB === undefined) warnings.push(`${label} has no memory item; ${fallbackMemory} MiB is used`);
  if (plannedDisks.length === 0) warnings.push(`${label} has no disk; the wizard will ask for a size`);

  const plan: ImportPlan = { sourceId, name, osType: os.osType, vcpus: vcpus ?? 1, memoryMiB: memoryMiB ?? fallbackMemory, disks: plannedDisks, nics, optical, warnings };
  const sectionElement = findVirtlabSection(system, hardware);
  if (sectionElement) {
    const section = readVirtlabSection(sectionElement);
    plan.virtlab = section;
    plan.osType = section.osType;
    plan.optical = section.optical;
    plan.warnings = plan.warnings.filter((warning) => warning !== os.warning);
    plan.nics = nics.map((nic, index) => {
      const saved = section.nics[index];
      return saved ? { ...nic, attachment: saved.attachment, mac: saved.mac } : nic;
    });
  }
  return clampPlan(plan);
}

/** Throws AppError VALIDATION with a specific message; otherwise returns one plan per VirtualSystem, in document order. */
export function readOvfDescriptor(xml: string | Uint8Array): ImportPlan[] {
  const envelope = parseXmlSafely(xml, xmlLimits, canonicalNamespace);
  if (envelope.local !== 'Envelope') fail(`The descriptor's root element is <${envelope.local}>, not an OVF <Envelope>`);
  if (!envelopeSpaces.includes(envelope.ns as never)) {
    fail(`The Envelope is in namespace "${envelope.ns || '(none)'}"; expected ${ns.ovf1} (OVF 1.x) or ${ns.ovf2} (OVF 2.0)`);
  }
  const disks = readDiskSection(envelope);
  const systems: XElement[] = [];
  collectSystems(envelope, systems, 0);
  if (systems.length === 0) fail('The descriptor contains no VirtualSystem');
  return systems.map((system) => readSystem(system, disks));
}
