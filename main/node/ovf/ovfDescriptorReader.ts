// Reads an untrusted OVF 1.x/2.0 descriptor into one import plan per VirtualSystem, with clear errors for broken input.
import { AppError } from '../../../shared/errors.ts';
import { findOsType } from '../../../shared/domain/osTypes.ts';
import type { Attachment, OpticalDrive } from '../../../shared/domain/network.ts';
import { applianceDiskLimits } from '../../../shared/domain/storage.ts';
import { visibleDeep } from './displayText.ts';
import { readMac } from './nicAddress.ts';
import { canonicalNamespace, ns, resourceType } from './ovfNamespaces.ts';
import { findSystems, systemLimits } from './ovfSystems.ts';
import type { FoundSystem } from './ovfSystems.ts';
import { unitBytes, wholeNumber } from './ovfUnits.ts';
import { resolveOsType } from './osTypeMap.ts';
import { attr, childrenOf, firstChild, parseXmlSafely, xmlLimits } from './xmlTree.ts';
import type { XElement } from './xmlTree.ts';
import { clampPlan } from './importPlan.ts';
import type { ImportPlan, PlannedDisk, PlannedNic } from './importPlan.ts';
import { readVirtlabSection } from './virtlabSection.ts';

const envelopeSpaces = [ns.ovf1, ns.ovf2];
const itemSpaces = [ns.rasd, ns.epasd, ns.sasd];
/** Never smaller than what Virtlab's own exports hold: every machine with every disk a configuration keeps (exportLimits.test.ts). */
export const descriptorLimits = { maxVirtualSystems: systemLimits.maxVirtualSystems, maxItems: 256, maxDisks: applianceDiskLimits.max * systemLimits.maxVirtualSystems } as const;

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

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
    if (!Number.isSafeInteger(capacity)) fail(`${context} is too large`);
    const fileRef = attr(disk, envelopeSpaces, 'fileRef');
    disks.set(id, fileRef ? { capacityBytes: capacity, fileRef } : { capacityBytes: capacity });
  }
  return disks;
}

function plannedDisk(diskId: string, entry: DiskEntry): PlannedDisk {
  const capacityMiB = Math.max(1, Math.ceil(entry.capacityBytes / 2 ** 20));
  return { diskId, capacityBytes: entry.capacityBytes, capacityMiB, capacityGiB: Math.max(1, Math.ceil(entry.capacityBytes / 2 ** 30)), ...(entry.fileRef ? { fileRef: entry.fileRef } : {}) };
}

function findVirtlabSection(system: XElement, hardware: XElement): XElement | undefined {
  return firstChild(hardware, ns.vl, 'VirtlabSection') ?? firstChild(system, ns.vl, 'VirtlabSection');
}

interface Hardware {
  vcpus?: number;
  memoryMiB?: number;
  disks: PlannedDisk[];
  nics: PlannedNic[];
  optical: OpticalDrive | null;
  /** The first adapter whose MAC address cannot be used. */
  macRefusal?: string;
}

function readHardware(hardware: XElement, label: string, disks: Map<string, DiskEntry>, warnings: string[]): Hardware {
  const items = hardware.children.filter((child) => envelopeSpaces.includes(child.ns as never) && ['Item', 'StorageItem', 'EthernetPortItem'].includes(child.local));
  if (items.length > descriptorLimits.maxItems) fail(`${label} has ${items.length} hardware items; at most ${descriptorLimits.maxItems} are accepted`);
  const out: Hardware = { disks: [], nics: [], optical: null };
  for (const item of items) {
    const type = Number(prop(item, 'ResourceType'));
    const itemName = prop(item, 'ElementName') ?? prop(item, 'Caption') ?? `item ${prop(item, 'InstanceID') ?? '?'}`;
    if (type === resourceType.cpu) {
      out.vcpus = wholeNumber(prop(item, 'VirtualQuantity'), `${label}: CPU count`);
    } else if (type === resourceType.memory) {
      const raw = prop(item, 'VirtualQuantity');
      if (!/^\s*\d{1,20}\s*$/.test(raw ?? '')) fail(`${label}: memory size "${raw ?? ''}" is not a number`);
      const bytes = Number(raw) * unitBytes(prop(item, 'AllocationUnits') ?? 'byte * 2^20', `${label}: memory`);
      out.memoryMiB = Math.ceil(bytes / 2 ** 20);
    } else if (type === resourceType.disk) {
      const resource = (prop(item, 'HostResource') ?? '').trim();
      const match = /^(?:ovf:)?\/disk\/(.+)$/.exec(resource) ?? fail(`${label}: disk "${itemName}" has HostResource "${resource}", not ovf:/disk/<id>`);
      const diskId = match[1] as string;
      const entry = disks.get(diskId) ?? fail(`${label}: disk "${itemName}" refers to "${diskId}", which is not in the DiskSection`);
      out.disks.push(plannedDisk(diskId, entry));
    } else if (type === resourceType.cdDrive || type === resourceType.dvdDrive) {
      if (out.optical) warnings.push(`${label}: extra optical drive "${itemName}" ignored (a Virtlab machine has one)`);
      out.optical ??= { kind: 'empty' };
    } else if (type === resourceType.ethernet) {
      const slot = out.nics.length + 1;
      const connection = prop(item, 'Connection')?.trim() || 'NAT';
      let attachment = attachmentOf(connection);
      if (!attachment) {
        warnings.push(`${label}: network "${connection}" is unknown; adapter ${slot} is attached to NAT`);
        attachment = 'nat';
      }
      const mac = readMac(prop(item, 'Address'), slot);
      if (mac.kind === 'refused') out.macRefusal ??= mac.reason;
      out.nics.push({ slot, attachment, connection, ...(mac.kind === 'ok' ? { mac: mac.mac } : {}) });
    } else if (![resourceType.ideController, resourceType.sataController, resourceType.scsiController].includes(type as never)) {
      warnings.push(`${label}: hardware "${itemName}" (resource type ${Number.isNaN(type) ? 'missing' : type}) is not simulated and was ignored`);
    }
  }
  return out;
}

function readSystem({ element: system, id: sourceId, group }: FoundSystem, disks: Map<string, DiskEntry>): ImportPlan {
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

  const found = readHardware(hardware, label, disks, warnings);
  if (found.vcpus === undefined) warnings.push(`${label} has no CPU item; 1 vCPU is used`);
  const fallbackMemory = findOsType(os.osType)?.recommended.memoryMiB ?? 512;
  if (found.memoryMiB === undefined) warnings.push(`${label} has no memory item; ${fallbackMemory} MiB is used`);
  if (found.disks.length === 0) warnings.push(`${label} has no disk; the wizard will ask for a size`);

  const plan: ImportPlan = {
    sourceId,
    name,
    ...(group === undefined ? {} : { group }),
    osType: os.osType,
    vcpus: found.vcpus ?? 1,
    memoryMiB: found.memoryMiB ?? fallbackMemory,
    disks: found.disks,
    nics: found.nics,
    optical: found.optical,
    ...(found.macRefusal === undefined ? {} : { refusal: `"${name}" cannot be imported: ${found.macRefusal}` }),
    warnings,
  };
  const sectionElement = findVirtlabSection(system, hardware);
  if (sectionElement) {
    const section = readVirtlabSection(sectionElement);
    plan.virtlab = section;
    plan.osType = section.osType;
    plan.optical = section.optical;
    // Virtlab's own record of the group wins over the collection every multi-machine export is wrapped in.
    if (section.group === undefined) delete plan.group;
    else plan.group = section.group;
    plan.warnings = plan.warnings.filter((warning) => warning !== os.warning);
    plan.nics = found.nics.map((nic, index) => {
      const saved = section.nics[index];
      if (!saved) return nic;
      const mac = readMac(saved.mac, nic.slot);
      if (mac.kind === 'refused') plan.refusal ??= `"${name}" cannot be imported: ${mac.reason}`;
      return { ...nic, attachment: saved.attachment, ...(mac.kind === 'ok' ? { mac: mac.mac } : {}) };
    });
  }
  // Everything taken from the file is shown somewhere (wizard, CLI, logs): no character in it may act on a terminal.
  return visibleDeep(clampPlan(plan));
}

/** Throws AppError VALIDATION with a specific message; otherwise returns one plan per VirtualSystem, in document order. */
export function readOvfDescriptor(xml: string | Uint8Array): ImportPlan[] {
  const envelope = parseXmlSafely(xml, xmlLimits, canonicalNamespace);
  if (envelope.local !== 'Envelope') fail(`The descriptor's root element is <${envelope.local}>, not an OVF <Envelope>`);
  if (!envelopeSpaces.includes(envelope.ns as never)) {
    fail(`The Envelope is in namespace "${envelope.ns || '(none)'}"; expected ${ns.ovf1} (OVF 1.x) or ${ns.ovf2} (OVF 2.0)`);
  }
  const disks = readDiskSection(envelope);
  return findSystems(envelope).map((system) => readSystem(system, disks));
}
