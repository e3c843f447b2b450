// The library's virtual networks: one of each attachment kind, each with a subnet, a gateway and a DHCP range.
import type { Attachment } from '../../shared/domain/network.ts';

export interface NetworkDef {
  readonly id: string;
  readonly name: string;
  readonly attachment: Attachment;
  readonly subnet: string;
  readonly gateway: string;
  readonly dhcpServer: string;
  readonly dhcpFirst: string;
  readonly dhcpLast: string;
}

/** VirtualBox's defaults where it has them (NAT network 10.0.2.0/24 with guests from .15, host-only vboxnet0 192.168.56.0/24). */
export const defaultNetworks: readonly NetworkDef[] = [
  { id: 'natnet', name: 'NatNetwork', attachment: 'nat', subnet: '10.0.2.0/24', gateway: '10.0.2.1', dhcpServer: '10.0.2.3', dhcpFirst: '10.0.2.15', dhcpLast: '10.0.2.254' },
  { id: 'lan', name: 'Bridged LAN', attachment: 'bridged', subnet: '192.168.1.0/24', gateway: '192.168.1.1', dhcpServer: '192.168.1.1', dhcpFirst: '192.168.1.100', dhcpLast: '192.168.1.199' },
  { id: 'vboxnet0', name: 'vboxnet0', attachment: 'hostOnly', subnet: '192.168.56.0/24', gateway: '192.168.56.1', dhcpServer: '192.168.56.100', dhcpFirst: '192.168.56.101', dhcpLast: '192.168.56.254' },
  { id: 'intnet', name: 'intnet', attachment: 'internal', subnet: '10.10.0.0/24', gateway: '10.10.0.1', dhcpServer: '10.10.0.2', dhcpFirst: '10.10.0.10', dhcpLast: '10.10.0.250' },
];
