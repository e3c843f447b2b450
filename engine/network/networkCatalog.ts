// The networks a library starts with: a NAT network on every host, the bridged LAN, a host-only and an internal network.
import type { NetworkDefinition } from '../../shared/domain/network.ts';

export type NetworkDef = NetworkDefinition;

/** The bridged LAN belongs to the physical network: its DHCP server is the site's router, not Virtlab's to edit. */
export const bridgedLanId = 'lan';

/** Id of a host's first NAT network: the first host keeps the historic "natnet", so existing adapters stay where they are. */
export function natNetworkId(hostId: string, firstHostId: string): string {
  return hostId === firstHostId ? 'natnet' : `natnet-${hostId}`;
}

/**
 * VirtualBox's defaults where it has them: every host's NatNetwork is 10.0.2.0/24 with guests from .15 (NAT networks are
 * private to their host, so the same subnet on every host is fine), host-only vboxnet0 is 192.168.56.0/24.
 */
export function defaultNetworks(hostIds: readonly string[]): NetworkDef[] {
  const first = hostIds[0] ?? '';
  const nat = hostIds.map((hostId) => ({
    id: natNetworkId(hostId, first),
    name: 'NatNetwork',
    attachment: 'nat' as const,
    hostId,
    subnet: '10.0.2.0/24',
    gateway: '10.0.2.1',
    dhcpServer: '10.0.2.3',
    dhcpFirst: '10.0.2.15',
    dhcpLast: '10.0.2.254',
  }));
  return [
    ...nat,
    { id: bridgedLanId, name: 'Bridged LAN', attachment: 'bridged', subnet: '192.168.1.0/24', gateway: '192.168.1.1', dhcpServer: '192.168.1.1', dhcpFirst: '192.168.1.100', dhcpLast: '192.168.1.199' },
    { id: 'vboxnet0', name: 'vboxnet0', attachment: 'hostOnly', subnet: '192.168.56.0/24', gateway: '192.168.56.1', dhcpServer: '192.168.56.100', dhcpFirst: '192.168.56.101', dhcpLast: '192.168.56.254' },
    { id: 'intnet', name: 'intnet', attachment: 'internal', subnet: '10.10.0.0/24', gateway: '10.10.0.1', dhcpServer: '10.10.0.2', dhcpFirst: '10.10.0.10', dhcpLast: '10.10.0.250' },
  ];
}
