// Adapters whose network is gone or belongs to another host move to a network their machine can use (NAT networks are per host).
import type { MachineConfigStore } from '../machineConfigStore.ts';

/**
 * Run after restoring: a library from before per-host NAT networks attached every NAT adapter to one network, and a
 * network may have been removed from the inventory by hand. Such an adapter joins the first network of its kind that
 * its machine may use, keeping its address when that one is free. Returns the machines changed.
 */
export function rehomeAdapters(lib: MachineConfigStore): string[] {
  const changed: string[] = [];
  for (const config of lib.configs.values()) {
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
        else lib.networks.lease(target.id, nic.mac, config.machineId, lib.staticHolders());
      }
      moved = true;
      const staticIp = nic.ipMode === 'static' && nic.staticIp !== undefined && !taken.has(nic.staticIp) && lib.networks.inSubnet(target.id, nic.staticIp) ? nic.staticIp : undefined;
      return { ...nic, networkId: target.id, ipMode: nic.ipMode === 'static' && staticIp === undefined ? 'dhcp' : nic.ipMode, staticIp };
    });
    // An adapter that had to give up its static address takes a lease instead.
    for (const nic of config.nics) if (nic.ipMode === 'dhcp' && lib.networks.leaseOf(nic.networkId, nic.mac) === undefined) lib.networks.lease(nic.networkId, nic.mac, config.machineId, lib.staticHolders());
    if (moved) changed.push(config.machineId);
  }
  return changed;
}
