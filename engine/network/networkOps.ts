// Network Manager commands: create, change and delete networks under the rules, renewing leases a new DHCP range leaves out.
import { AppError } from '../../shared/errors.ts';
import type { NetworkSpec, VirtualNetwork } from '../../shared/domain/network.ts';
import type { OpsContext } from '../opsContext.ts';
import { parseIpv4 } from './ipv4.ts';
import type { NetworkDef } from './networkCatalog.ts';
import { NetworkStore } from './networkStore.ts';
import { validateNetwork } from './networkValidation.ts';

const hostNameIn = (ctx: OpsContext) => (hostId: string): string | undefined => ctx.world.host(hostId)?.name;

function toDef(networkId: string, spec: NetworkSpec): NetworkDef {
  const def: NetworkDef = {
    id: networkId,
    name: spec.name.trim(),
    attachment: spec.attachment,
    subnet: spec.subnet.trim(),
    gateway: spec.gateway.trim(),
    dhcpServer: spec.dhcpServer.trim(),
    dhcpFirst: spec.dhcpFirst.trim(),
    dhcpLast: spec.dhcpLast.trim(),
  };
  if (spec.hostId !== undefined) def.hostId = spec.hostId;
  return def;
}

export function networkView(ctx: OpsContext, networkId: string): VirtualNetwork {
  const found = ctx.configs.networks.list(ctx.configs.staticHolders()).find((network) => network.id === networkId);
  if (!found) throw new AppError('NOT_FOUND', `There is no network "${networkId}"`, 'networkId');
  return found;
}

/** Machines with an adapter on the network. */
function usersOf(ctx: OpsContext, networkId: string): string[] {
  return [...ctx.configs.configs.values()].filter((config) => config.nics.some((nic) => nic.networkId === networkId)).map((config) => config.machineId);
}

const names = (ctx: OpsContext, ids: readonly string[]) => ids.map((id) => `"${ctx.nameOf(id)}"`).join(', ');

export function createNetwork(ctx: OpsContext, networkId: string, spec: NetworkSpec): VirtualNetwork {
  const networks = ctx.configs.networks;
  if (networks.has(networkId)) throw new AppError('CONFLICT', `A network with id "${networkId}" already exists`, 'networkId');
  const def = toDef(networkId, spec);
  validateNetwork(def, networks.defs(), hostNameIn(ctx));
  networks.add(def);
  return networkView(ctx, networkId);
}

function requireEditable(ctx: OpsContext, networkId: string): NetworkDef {
  const current = ctx.configs.networks.def(networkId);
  if (current.attachment === 'bridged') {
    throw new AppError('INVALID_STATE', `"${current.name}" is the physical network the hosts are bridged to; its addresses come from the site's DHCP server, not from Virtlab`, 'networkId');
  }
  return current;
}

/**
 * Changes a network. Static addresses must still fit (they were chosen by people, so they are not moved); DHCP leases the
 * new range leaves out are renewed from it, as clients renew with a reconfigured server. Returns the machines renewed.
 */
export function updateNetwork(ctx: OpsContext, networkId: string, spec: NetworkSpec): { network: VirtualNetwork; renewed: string[] } {
  const networks = ctx.configs.networks;
  const current = requireEditable(ctx, networkId);
  const def = toDef(networkId, spec);
  if (def.attachment !== current.attachment) throw new AppError('VALIDATION', `A network's kind cannot change; create a new ${def.attachment} network instead`, 'attachment');
  const users = usersOf(ctx, networkId);
  if (def.hostId !== current.hostId && users.length > 0) {
    throw new AppError('INVALID_STATE', `Adapters of ${names(ctx, users)} are attached to "${current.name}"; a NAT network keeps its host while machines use it`, 'hostId');
  }
  validateNetwork(def, networks.defs().filter((other) => other.id !== networkId), hostNameIn(ctx));
  const probe = new NetworkStore([def]);
  for (const holder of ctx.configs.staticHolders().filter((h) => h.networkId === networkId)) {
    try {
      probe.validateStatic(networkId, holder.ip, 'subnet');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError('INVALID_STATE', `"${ctx.nameOf(holder.machineId)}" has the static address ${holder.ip}, which the new settings leave out (${error.message}); change its address first`, 'subnet');
    }
  }
  const first = parseIpv4(def.dhcpFirst)!;
  const last = parseIpv4(def.dhcpLast)!;
  const outside = networks.leasesOf(networkId).filter((lease) => {
    const ip = parseIpv4(lease.ip)!;
    return ip < first || ip > last;
  });
  networks.replace(def);
  const renewed = new Set<string>();
  for (const lease of outside) {
    for (const holder of lease.holders) networks.release(networkId, lease.mac, holder);
    for (const holder of lease.holders) {
      const ip = networks.lease(networkId, lease.mac, holder, ctx.configs.staticHolders());
      ctx.log(holder, 'config', `DHCP lease on "${def.name}" renewed: ${lease.ip} → ${ip} (the DHCP range changed)`);
      renewed.add(holder);
    }
  }
  return { network: networkView(ctx, networkId), renewed: [...renewed] };
}

export function deleteNetwork(ctx: OpsContext, networkId: string): void {
  const current = requireEditable(ctx, networkId);
  const users = usersOf(ctx, networkId);
  if (users.length > 0) throw new AppError('INVALID_STATE', `"${current.name}" is used by adapters of ${names(ctx, users)}; attach them to another network first`, 'networkId');
  ctx.configs.networks.remove(networkId);
}
