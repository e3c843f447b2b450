// XML namespaces of OVF 1.x/2.0 descriptors, the CIM schemas they embed, VirtualBox's extension and Virtlab's own.
export const ns = {
  ovf1: 'http://schemas.dmtf.org/ovf/envelope/1',
  ovf2: 'http://schemas.dmtf.org/ovf/envelope/2',
  rasd: 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData',
  vssd: 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData',
  epasd: 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData',
  sasd: 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xml: 'http://www.w3.org/XML/1998/namespace',
  vbox: 'http://www.virtualbox.org/ovf/machine',
  vmw: 'http://www.vmware.com/schema/ovf',
  /** Virtlab's extension; other tools skip it because its section says ovf:required="false". */
  vl: 'urn:virtlab:ovf:1',
} as const;

export type OvfVersion = '1.0' | '2.0';

/**
 * The spelling a namespace is compared in. VirtualBox writes the CIM namespaces of OVF 2.0 with a ".xsd" suffix
 * (…/CIM_EthernetPortAllocationSettingData.xsd) and other tools add a trailing slash; VirtualBox and ovftool read
 * those as the same namespace, so Virtlab does too. Only DMTF URIs are folded: nobody else's namespace changes meaning.
 */
export function canonicalNamespace(uri: string): string {
  if (!uri.startsWith('http://schemas.dmtf.org/')) return uri;
  return uri.replace(/\.xsd$/i, '').replace(/\/+$/, '');
}

export function envelopeNamespace(version: OvfVersion): string {
  return version === '1.0' ? ns.ovf1 : ns.ovf2;
}

/** CIM ResourceType values (DSP1041) the descriptors use. */
export const resourceType = {
  cpu: 3,
  memory: 4,
  ideController: 5,
  scsiController: 6,
  ethernet: 10,
  cdDrive: 15,
  dvdDrive: 16,
  disk: 17,
  sataController: 20,
} as const;

/** VirtualBox's names for the attachment kinds, used as rasd:Connection and NetworkSection names. */
export const connectionNames = { nat: 'NAT', bridged: 'Bridged', hostOnly: 'HostOnly', internal: 'Internal' } as const;
