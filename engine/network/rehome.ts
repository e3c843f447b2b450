// Adapters whose network is gone or belongs to another host move to a network their machine can use (NAT networks are per host).
import { AppError } from '../../shared/errors.ts';
import type { MachineConfigState, MachineConfigStore } from '../machineConfigStore.ts';

/**
 * Run after restoring: a library from before per-host NAT networks attached every NAT adapter to one network, and a
 * network may have been removed from the inventory by hand. Returns the machines changed.
 */
export function rehomeAdapters(lib: MachineConfigStore): string[] {
  const changed: string[] = [];
  for (const config of lib.configs.values()) if (rehomeMachineAdapters(lib, config)) changed.push(config.machineId);
  return changed;
}

/**
 * Each adapter of `config` on a network that is gone or belongs to another host (after a move between hosts, or see
 * rehomeAdapters) joins the first network of its kind the machine may use, keeping its address when that one is free.
 * Returns whether any adapter moved.
 */
export function rehomeMachineAdapters(lib: MachineConfigStore, config: MachineConfigState): boolean {
  let moved = false;
  config.nics = config.nics.map((nic) => {
    const current = lib.networks.has(nic.networkId) ? lib.networks.def(nic.networkId) : undefined;
    if (current && (current.hostId === undefined || current.hostId === config.hostId)) return nic;
    const target = lib.networks.resolve(nic.attachment, undefined, 'nics', config.hostId);
    const leased = current ? lib.networks.leaseOf(nic.networkId, nic.mac) : undefined;
    if (current) lib.networks.release(nic.networkId, nic.mac, config.machineId);
    const taken = new Set([...lib.networks.leasesOf(target.id).map((l) => l.ip), ...lib.staticHolders().filter((h) => h.networkId === target.id).map((h) => h.ip)]);
    if (nic.ipMode === 'dhcp') {
      if (leased !== undefined && !taken.has(leased) && lib.networks.inRange(target.id, leased)) lib.networks.adopt(target.id, nic.mac, leased, config.machineId);
      else leaseIfFree(lib, target.id, nic.mac, config.machineId);
    }
    moved = true;
    const staticIp = nic.ipMode === 'static' && nic.staticIp !== undefined && !taken.has(nic.staticIp) && lib.networks.inSubnet(target.id, nic.staticIp) ? nic.staticIp : undefined;
    return { ...nic, networkId: target.id, ipMode: nic.ipMode === 'static' && staticIp === undefined ? 'dhcp' : nic.ipMode, staticIp };
  });
  if (!moved) return false;
  // An adapter that had to give up its static address takes a lease instead. Only moved machines: a restored DHCP
  // adapter without a lease stays so (thousands of machines outnumber a /24 pool; none of them is running).
  for (const nic of config.nics) if (nic.ipMode === 'dhcp' && lib.networks.leaseOf(nic.networkId, nic.mac) === undefined) leaseIfFree(lib, nic.networkId, nic.mac, config.machineId);
  return true;
}

/** A full pool must not stop a library from opening: the adapter then has no address until one is free. */
function leaseIfFree(lib: MachineConfigStore, networkId: string, mac: string, machineId: string): void {
  try {
    lib.networks.lease(networkId, mac, machineId, lib.staticHolders());
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'INSUFFICIENT_RESOURCES')) throw error;
  }
}
