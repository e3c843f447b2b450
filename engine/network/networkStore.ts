// Virtual networks with DHCP leases per MAC (held by machines, released when the last holder goes) and static-IP checks.
import { AppError } from '../../shared/errors.ts';
import type { Attachment, VirtualNetwork } from '../../shared/domain/network.ts';
import { broadcastOf, formatIpv4, inSubnet, parseCidr, parseIpv4 } from './ipv4.ts';
import type { Subnet } from './ipv4.ts';
import type { NetworkDef } from './networkCatalog.ts';

interface Lease {
  readonly ip: string;
  readonly holders: Set<string>;
}

interface NetworkState {
  readonly def: NetworkDef;
  readonly subnet: Subnet;
  readonly first: number;
  readonly last: number;
  /** By MAC; a clone that kept its origin's MAC shares the origin's lease, as a real DHCP server would give it. */
  readonly leases: Map<string, Lease>;
}

/** A NIC's static address as the networks see it. */
export interface StaticHolder {
  readonly machineId: string;
  readonly networkId: string;
  readonly ip: string;
}

export class NetworkStore {
  private readonly networks = new Map<string, NetworkState>();
  private readonly order: string[] = [];

  constructor(defs: readonly NetworkDef[]) {
    for (const def of defs) {
      this.networks.set(def.id, { def, subnet: parseCidr(def.subnet), first: parseIpv4(def.dhcpFirst)!, last: parseIpv4(def.dhcpLast)!, leases: new Map() });
      this.order.push(def.id);
    }
  }

  /** The network a NIC joins: the named one (which must be of that attachment kind) or the first of its kind. */
  resolve(attachment: Attachment, networkId: string | undefined, field: string): NetworkDef {
    if (networkId !== undefined) {
      const state = this.networks.get(networkId);
      if (!state) throw new AppError('NOT_FOUND', `There is no network "${networkId}"; available: ${this.order.join(', ')}`, field);
      if (state.def.attachment !== attachment) throw new AppError('VALIDATION', `Network "${state.def.name}" is a ${state.def.attachment} network, not ${attachment}`, field);
      return state.def;
    }
    const id = this.order.find((n) => this.networks.get(n)!.def.attachment === attachment);
    if (id === undefined) throw new AppError('NOT_FOUND', `There is no ${attachment} network`, field);
    return this.networks.get(id)!.def;
  }

  /** Format, subnet, and not an address the network itself uses. Returns the normalised address. */
  validateStatic(networkId: string, ip: string, field: string): string {
    const state = this.require(networkId);
    const value = parseIpv4(ip);
    if (value === undefined) throw new AppError('VALIDATION', `"${ip}" is not an IPv4 address; enter one like ${formatIpv4(state.first + 5)}`, field);
    const name = state.def.name;
    if (!inSubnet(state.subnet, value)) throw new AppError('VALIDATION', `${formatIpv4(value)} is outside ${name}'s subnet ${state.def.subnet}`, field);
    if (value === state.subnet.network) throw new AppError('VALIDATION', `${formatIpv4(value)} is the network address of ${name}; choose a host address`, field);
    if (value === broadcastOf(state.subnet)) throw new AppError('VALIDATION', `${formatIpv4(value)} is the broadcast address of ${name}; choose a host address`, field);
    const text = formatIpv4(value);
    if (text === state.def.gateway) throw new AppError('VALIDATION', `${text} is the gateway of ${name}; choose another address`, field);
    if (text === state.def.dhcpServer) throw new AppError('VALIDATION', `${text} is the DHCP server of ${name}; choose another address`, field);
    return text;
  }

  leaseOf(networkId: string, mac: string): string | undefined {
    return this.require(networkId).leases.get(mac)?.ip;
  }

  /** The lease for `mac` (new: the lowest free address of the range, skipping leases and static addresses). */
  lease(networkId: string, mac: string, machineId: string, statics: readonly StaticHolder[]): string {
    const state = this.require(networkId);
    const existing = state.leases.get(mac);
    if (existing) {
      existing.holders.add(machineId);
      return existing.ip;
    }
    const taken = new Set<string>();
    for (const lease of state.leases.values()) taken.add(lease.ip);
    for (const holder of statics) if (holder.networkId === networkId) taken.add(holder.ip);
    for (let value = state.first; value <= state.last; value++) {
      const ip = formatIpv4(value);
      if (taken.has(ip)) continue;
      state.leases.set(mac, { ip, holders: new Set([machineId]) });
      return ip;
    }
    throw new AppError('INSUFFICIENT_RESOURCES', `The DHCP pool of ${state.def.name} (${state.def.dhcpFirst}–${state.def.dhcpLast}) has no free address`, 'nics');
  }

  /** `machineId` no longer holds the lease of `mac`; the address goes back to the pool when nobody does. */
  release(networkId: string, mac: string, machineId: string): void {
    const state = this.require(networkId);
    const lease = state.leases.get(mac);
    if (!lease) return;
    lease.holders.delete(machineId);
    if (lease.holders.size === 0) state.leases.delete(mac);
  }

  /** Restores a lease from a record, keeping its address. */
  adopt(networkId: string, mac: string, ip: string, machineId: string): void {
    const state = this.require(networkId);
    const lease = state.leases.get(mac);
    if (lease) lease.holders.add(machineId);
    else state.leases.set(mac, { ip, holders: new Set([machineId]) });
  }

  list(statics: readonly StaticHolder[]): VirtualNetwork[] {
    return this.order.map((id) => {
      const state = this.networks.get(id)!;
      const def = state.def;
      return {
        id: def.id,
        name: def.name,
        attachment: def.attachment,
        subnet: def.subnet,
        gateway: def.gateway,
        dhcpServer: def.dhcpServer,
        dhcpRange: { first: def.dhcpFirst, last: def.dhcpLast },
        leases: [...state.leases].map(([mac, lease]) => ({ mac, ip: lease.ip, machineIds: [...lease.holders].sort() })),
        staticIps: statics.filter((s) => s.networkId === id).map((s) => ({ ip: s.ip, machineId: s.machineId })),
      };
    });
  }

  private require(networkId: string): NetworkState {
    const state = this.networks.get(networkId);
    if (!state) throw new AppError('NOT_FOUND', `There is no network "${networkId}"`, 'networkId');
    return state;
  }
}
