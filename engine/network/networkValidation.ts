// Network Manager rules: a definition's addresses must fit its subnet and each other, NAT networks stay on one host, no overlaps.
import { AppError } from '../../shared/errors.ts';
import { networkLimits } from '../../shared/domain/network.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import { broadcastOf, formatIpv4, inSubnet, parseIpv4 } from './ipv4.ts';
import type { Subnet } from './ipv4.ts';
import type { NetworkDef } from './networkCatalog.ts';

const bad = (field: string, message: string): never => {
  throw new AppError('VALIDATION', message, field);
};

const attachmentNames = { nat: 'NAT', bridged: 'bridged', hostOnly: 'host-only', internal: 'internal' } as const;

/** "10.0.2.0/24" as a subnet, or a VALIDATION error on `subnet` saying what is wrong with it. */
export function parseSubnet(text: string): Subnet {
  const [address = '', bits = ''] = text.trim().split('/');
  const network = parseIpv4(address);
  if (network === undefined) return bad('subnet', `"${text}" is not a subnet; enter one like 10.0.2.0/24`);
  const prefix = Number(bits);
  const { min, max } = networkLimits.prefix;
  if (!/^\d{1,2}$/.test(bits) || prefix < min || prefix > max) return bad('subnet', `The prefix length must be between /${min} and /${max} (a /${max} leaves 6 addresses for the gateway, the DHCP server and guests)`);
  const size = 2 ** (32 - prefix);
  const aligned = network - (network % size);
  if (aligned !== network) return bad('subnet', `${formatIpv4(network)} is not the first address of a /${prefix}; did you mean ${formatIpv4(aligned)}/${prefix}?`);
  return { network, prefix };
}

/** An address that must be a host address of the subnet. */
function hostAddress(subnet: Subnet, text: string, field: string, what: string): number {
  const value = parseIpv4(text);
  if (value === undefined) return bad(field, `"${text}" is not an IPv4 address`);
  const cidr = `${formatIpv4(subnet.network)}/${subnet.prefix}`;
  if (!inSubnet(subnet, value)) return bad(field, `The ${what} ${text} is outside the subnet ${cidr}`);
  if (value === subnet.network) return bad(field, `The ${what} cannot be ${text}, the network address of ${cidr}`);
  if (value === broadcastOf(subnet)) return bad(field, `The ${what} cannot be ${text}, the broadcast address of ${cidr}`);
  return value;
}

function overlaps(a: Subnet, b: Subnet): boolean {
  return a.network <= broadcastOf(b) && b.network <= broadcastOf(a);
}

/** Networks that are the same place for a machine: NAT networks of one host, or every host-only network (they are host interfaces). */
function sameSpace(a: NetworkDef, b: NetworkDef): boolean {
  if (a.attachment === 'nat' && b.attachment === 'nat') return a.hostId === b.hostId;
  return a.attachment === 'hostOnly' && b.attachment === 'hostOnly';
}

/**
 * Checks a definition on its own and against the other networks (`others` excludes its own previous version); throws a
 * VALIDATION or CONFLICT AppError naming the field. `hostName` gives a host's name, or undefined when there is none.
 */
export function validateNetwork(def: NetworkDef, others: readonly NetworkDef[], hostName: (hostId: string) => string | undefined): void {
  if (def.attachment === 'bridged') bad('attachment', 'There is one bridged LAN, the physical network the hosts are on; create NAT, host-only or internal networks');
  if (def.attachment === 'nat') {
    if (def.hostId === undefined) bad('hostId', 'Choose the host of this NAT network: a NAT network does not span hosts');
    else if (hostName(def.hostId) === undefined) bad('hostId', `There is no host with id "${def.hostId}"`);
  } else if (def.hostId !== undefined) {
    const what = attachmentNames[def.attachment];
    bad('hostId', `${/^[aeiou]/.test(what) ? 'An' : 'A'} ${what} network is not tied to one host; only NAT networks are`);
  }
  const subnet = parseSubnet(def.subnet);
  const gateway = hostAddress(subnet, def.gateway, 'gateway', 'gateway');
  const server = hostAddress(subnet, def.dhcpServer, 'dhcpServer', 'DHCP server');
  const first = hostAddress(subnet, def.dhcpFirst, 'dhcpFirst', 'first DHCP address');
  const last = hostAddress(subnet, def.dhcpLast, 'dhcpLast', 'last DHCP address');
  if (last < first) bad('dhcpLast', `The DHCP range ends (${def.dhcpLast}) before it starts (${def.dhcpFirst})`);
  if (gateway >= first && gateway <= last) bad('dhcpFirst', `The DHCP range ${def.dhcpFirst}–${def.dhcpLast} includes the gateway ${def.gateway}; leave it out of the range`);
  if (server >= first && server <= last) bad('dhcpFirst', `The DHCP range ${def.dhcpFirst}–${def.dhcpLast} includes the DHCP server ${def.dhcpServer}; leave it out of the range`);
  const key = machineNameKey(def.name);
  for (const other of others) {
    if (other.attachment === def.attachment && other.hostId === def.hostId && machineNameKey(other.name) === key) {
      const where = def.hostId === undefined ? '' : ` on ${hostName(def.hostId) ?? def.hostId}`;
      throw new AppError('CONFLICT', `A ${attachmentNames[def.attachment]} network named "${other.name}" already exists${where}`, 'name');
    }
    if (sameSpace(def, other) && overlaps(subnet, parseSubnet(other.subnet))) {
      const where = def.attachment === 'nat' ? ` on ${hostName(def.hostId!) ?? def.hostId}` : '';
      throw new AppError('CONFLICT', `${def.subnet} overlaps ${other.subnet} of ${attachmentNames[other.attachment]} network "${other.name}"${where}; choose another subnet`, 'subnet');
    }
  }
}
