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

export interface NetworkState {
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
  private order: string[] = [];
  private readonly hostName: (hostId: string) => string;

  constructor(defs: readonly NetworkDef[], hostName: (hostId: string) => string = (hostId) => hostId) {
    this.hostName = hostName;
    for (const def of defs) this.add(def);
  }

  /** Adds a definition (checked by the caller) at the end of the list. */
  add(def: NetworkDef): void {
    this.networks.set(def.id, stateOf(def, new Map()));
    this.order.push(def.id);
  }

  /** Replaces a definition, keeping its leases (the caller checked they still fit). */
  replace(def: NetworkDef): void {
    const state = this.require(def.id);
    this.networks.set(def.id, stateOf(def, state.leases));
  }

  remove(networkId: string): void {
    this.require(networkId);
    this.networks.delete(networkId);
    this.order = this.order.filter((id) => id !== networkId);
  }

  has(networkId: string): boolean {
    return this.networks.has(networkId);
  }

  def(networkId: string): NetworkDef {
    return this.require(networkId).def;
  }

  /** Every definition in order: what the library keeps. */
  defs(): NetworkDef[] {
    return this.order.map((id) => ({ ...this.networks.get(id)!.def }));
  }

  /** The DHCP leases of a network: address and the machines holding it. */
  leasesOf(networkId: string): { mac: string; ip: string; holders: string[] }[] {
    return [...this.require(networkId).leases].map(([mac, lease]) => ({ mac, ip: lease.ip, holders: [...lease.holders] }));
  }

  /**
   * The network a NIC joins: the named one (which must be of that attachment kind, and for NAT of the machine's host),
   * or the first of its kind (for NAT: the first of the machine's host).
   */
  resolve(attachment: Attachment, networkId: string | undefined, field: string, hostId?: string): NetworkDef {
    if (networkId !== undefined) {
      const state = this.networks.get(networkId);
      if (!state) throw new AppError('NOT_FOUND', `There is no network "${networkId}"; available: ${this.order.join(', ')}`, field);
      if (state.def.attachment !== attachment) throw new AppError('VALIDATION', `Network "${state.def.name}" is a ${state.def.attachment} network, not ${attachment}`, field);
      const owner = state.def.hostId;
      if (owner !== undefined && hostId !== undefined && owner !== hostId) {
        throw new AppError('VALIDATION', `NAT network "${state.def.name}" belongs to host "${this.hostName(owner)}" and a NAT network does not span hosts; choose one of "${this.hostName(hostId)}"`, field);
      }
      return state.def;
    }
    const id = this.order.find((n) => {
      const def = this.networks.get(n)!.def;
      return def.attachment === attachment && (hostId === undefined || def.hostId === undefined || def.hostId === hostId);
    });
    if (id === undefined) {
      const where = attachment === 'nat' && hostId !== undefined ? ` on host "${this.hostName(hostId)}"` : '';
      throw new AppError('NOT_FOUND', `There is no ${attachment} network${where}; create one in the Network Manager`, field);
    }
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

  /** Whether `ip` is inside the network's DHCP range. */
  inRange(networkId: string, ip: string): boolean {
    const state = this.require(networkId);
    const value = parseIpv4(ip);
    return value !== undefined && value >= state.first && value <= state.last;
  }

  /** Whether `ip` is a host address of the network's subnet. */
  inSubnet(networkId: string, ip: string): boolean {
    const state = this.require(networkId);
    const value = parseIpv4(ip);
    return value !== undefined && inSubnet(state.subnet, value) && value !== state.subnet.network && value !== broadcastOf(state.subnet);
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
      const out: VirtualNetwork = {
        id: def.id,
        name: def.name,
        attachment: def.attachment,
        editable: def.attachment !== 'bridged',
        subnet: def.subnet,
        gateway: def.gateway,
        dhcpServer: def.dhcpServer,
        dhcpRange: { first: def.dhcpFirst, last: def.dhcpLast },
        leases: [...state.leases].map(([mac, lease]) => ({ mac, ip: lease.ip, machineIds: [...lease.holders].sort() })),
        staticIps: statics.filter((s) => s.networkId === id).map((s) => ({ ip: s.ip, machineId: s.machineId })),
      };
      if (def.hostId !== undefined) out.hostId = def.hostId;
      return out;
    });
  }

  require(networkId: string): NetworkState {
    const state = this.networks.get(networkId);
    if (!state) throw new AppError('NOT_FOUND', `There is no network "${networkId}"`, 'networkId');
    return state;
  }
}

function stateOf(def: NetworkDef, leases: Map<string, Lease>): NetworkState {
  return { def, subnet: parseCidr(def.subnet), first: parseIpv4(def.dhcpFirst)!, last: parseIpv4(def.dhcpLast)!, leases };
}
