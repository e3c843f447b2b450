// Builds OVF 1.0 / 2.0 descriptors VirtualBox can import: empty disks of the right capacity, controllers, NICs, optical drive.
import { XMLBuilder } from 'fast-xml-parser';
import { connectionNames, envelopeNamespace, ns, resourceType } from './ovfNamespaces.ts';
import type { OvfVersion } from './ovfNamespaces.ts';
import { osTypeMappings } from './osTypeMap.ts';
import { exportSettings } from './exportModel.ts';
import type { ExportMachine, ExportSettings } from './exportModel.ts';
import { virtlabSectionXml } from './virtlabSection.ts';

type Node = Record<string, unknown>;

const vmdkFormat = 'http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized';
const mib = 1024 ** 2;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true, suppressBooleanAttributes: false });

/** RASD properties must appear in the CIM schema's (alphabetical) order, so they are listed sorted. */
function item(prefix: string, props: Record<string, string | number | undefined>): Node {
  const node: Node = {};
  for (const key of Object.keys(props).sort()) {
    const value = props[key];
    if (value !== undefined) node[`${prefix}:${key}`] = String(value);
  }
  return node;
}

const hardwareElementOrder = ['Item', 'EthernetPortItem', 'StorageItem'] as const;

interface HardwareItem {
  element: (typeof hardwareElementOrder)[number];
  node: Node;
}

function hardwareItems(settings: ExportSettings, diskIds: readonly string[], version: OvfVersion): HardwareItem[] {
  const v2 = version === '2.0';
  const storage = (props: Record<string, string | number | undefined>): HardwareItem =>
    v2 ? { element: 'StorageItem', node: item('sasd', props) } : { element: 'Item', node: item('rasd', props) };
  const rasd = (props: Record<string, string | number | undefined>): HardwareItem => ({ element: 'Item', node: item('rasd', props) });
  const cpuLabel = `${settings.vcpus} virtual CPU${settings.vcpus === 1 ? '' : 's'}`;
  const items: HardwareItem[] = [
    rasd({ Caption: cpuLabel, Description: 'Number of virtual CPUs', ElementName: cpuLabel, InstanceID: 1, ResourceType: resourceType.cpu, VirtualQuantity: settings.vcpus }),
    rasd({
      AllocationUnits: 'MegaBytes',
      Caption: `${settings.memoryMiB} MB of memory`,
      Description: 'Memory Size',
      ElementName: `${settings.memoryMiB} MB of memory`,
      InstanceID: 2,
      ResourceType: resourceType.memory,
      VirtualQuantity: settings.memoryMiB,
    }),
    rasd({ Address: 0, Caption: 'ideController0', Description: 'IDE Controller', ElementName: 'ideController0', InstanceID: 3, ResourceSubType: 'PIIX4', ResourceType: resourceType.ideController }),
    rasd({ Address: 0, Caption: 'sataController0', Description: 'SATA Controller', ElementName: 'sataController0', InstanceID: 4, ResourceSubType: 'AHCI', ResourceType: resourceType.sataController }),
    // Every disk on the SATA controller, one port each, as VirtualBox attaches them.
    ...diskIds.map((diskId, index) =>
      storage({ AddressOnParent: index, Caption: `disk${index + 1}`, Description: 'Disk Image', ElementName: `disk${index + 1}`, HostResource: `ovf:/disk/${diskId}`, InstanceID: 5 + index, Parent: 4, ResourceType: resourceType.disk }),
    ),
    storage({
      AddressOnParent: 0,
      AutomaticAllocation: 'true',
      Caption: 'cdrom1',
      Description: settings.optical.kind === 'host' ? 'DVD Drive (host passthrough)' : 'CD-ROM Drive',
      ElementName: 'cdrom1',
      InstanceID: 5 + diskIds.length,
      Parent: 3,
      ResourceType: settings.optical.kind === 'host' ? resourceType.dvdDrive : resourceType.cdDrive,
    }),
  ];
  settings.nics.forEach((nic, index) => {
    const connection = connectionNames[nic.attachment];
    const props = {
      Address: nic.mac,
      AutomaticAllocation: 'true',
      Caption: `Ethernet adapter on '${connection}'`,
      Connection: connection,
      ElementName: `Ethernet adapter on '${connection}'`,
      InstanceID: 6 + diskIds.length + index,
      ResourceSubType: 'E1000',
      ResourceType: resourceType.ethernet,
    };
    items.push(v2 ? { element: 'EthernetPortItem', node: item('epasd', props) } : rasd(props));
  });
  return items;
}

function virtualSystem(settings: ExportSettings, diskIds: readonly string[], version: OvfVersion): Node {
  const os = osTypeMappings[settings.osType];
  const hardware: Node = {
    Info: 'Virtual hardware requirements for a virtual machine',
    System: {
      'vssd:ElementName': 'Virtual Hardware Family',
      'vssd:InstanceID': '0',
      'vssd:VirtualSystemIdentifier': settings.name,
      'vssd:VirtualSystemType': 'virtualbox-2.2',
    },
  };
  // DSP8023 2.0.1 wants all Items, then all EthernetPortItems, then all StorageItems (1.x only has Items).
  const items = hardwareItems(settings, diskIds, version);
  for (const element of hardwareElementOrder) {
    const list = items.filter((hw) => hw.element === element).map((hw) => hw.node);
    if (list.length > 0) hardware[element] = list;
  }
  hardware['vl:VirtlabSection'] = virtlabSectionXml(settings.section);
  return {
    '@_ovf:id': settings.name,
    Info: 'A virtual machine',
    Name: settings.name,
    OperatingSystemSection: {
      '@_ovf:id': String(os.cim),
      Info: 'The kind of installed guest operating system',
      Description: os.vbox,
      'vbox:OSType': { '@_ovf:required': 'false', '#text': os.vbox },
    },
    VirtualHardwareSection: hardware,
  };
}

export interface DescriptorOptions {
  version: OvfVersion;
  /** ovf:id of the VirtualSystemCollection wrapping several machines. */
  collectionId?: string;
  /** Called after each machine is described (progress of a long export). */
  onMachine?: (index: number, name: string) => void;
}

/** One machine becomes a VirtualSystem; several become a VirtualSystemCollection, as VirtualBox writes them. */
export function buildOvfDescriptor(machines: readonly ExportMachine[], options: DescriptorOptions): string {
  if (machines.length === 0) throw new Error('Nothing to export: choose at least one machine');
  const all = machines.map(exportSettings);
  let diskCount = 0;
  const diskIdsOf = all.map((settings) => settings.disks.map(() => `vmdisk${(diskCount += 1)}`));
  const disks = all.flatMap((settings, index) =>
    settings.disks.map((disk, d) => ({
      '@_ovf:capacity': String(disk.capacityMiB * mib),
      '@_ovf:capacityAllocationUnits': 'byte',
      '@_ovf:diskId': diskIdsOf[index]?.[d],
      '@_ovf:format': vmdkFormat,
    })),
  );
  const networkNames = [...new Set(all.flatMap((settings) => settings.nics.map((nic) => connectionNames[nic.attachment])))];
  const systems = all.map((settings, index) => {
    const system = virtualSystem(settings, diskIdsOf[index] ?? [], options.version);
    options.onMachine?.(index, settings.name);
    return system;
  });
  const envelope: Node = {
    '@_ovf:version': options.version,
    '@_xml:lang': 'en-US',
    '@_xmlns': envelopeNamespace(options.version),
    '@_xmlns:ovf': envelopeNamespace(options.version),
    '@_xmlns:rasd': ns.rasd,
    '@_xmlns:vssd': ns.vssd,
    ...(options.version === '2.0' ? { '@_xmlns:epasd': ns.epasd, '@_xmlns:sasd': ns.sasd } : {}),
    '@_xmlns:xsi': ns.xsi,
    '@_xmlns:vbox': ns.vbox,
    '@_xmlns:vl': ns.vl,
    References: '',
    DiskSection: { Info: 'List of the virtual disks used in the package', Disk: disks },
    NetworkSection: {
      Info: 'Logical networks used in the package',
      Network: networkNames.map((name) => ({ '@_ovf:name': name, Description: `Logical network used by this appliance (${name})` })),
    },
  };
  if (systems.length === 1) envelope.VirtualSystem = systems[0];
  else {
    // Machines of one group go out as that vApp, so VMware and others show its name.
    const groups = new Set(all.map((settings) => settings.section.group));
    const group = groups.size === 1 ? [...groups][0] : undefined;
    envelope.VirtualSystemCollection = {
      '@_ovf:id': options.collectionId ?? group ?? 'virtlab-export',
      Info: 'A collection of virtual machines',
      ...(group === undefined ? {} : { Name: group }),
      VirtualSystem: systems,
    };
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Envelope: envelope }) as string}`;
}
