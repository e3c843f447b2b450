// Static addresses at entry time: inside the network, not one of its own addresses, and not held by another machine (static or DHCP).
import { AppError } from '../../shared/errors.ts';
import type { StaticIpCheck } from '../../shared/domain/network.ts';
import type { MachineConfigStore } from '../machineConfigStore.ts';
import { parseIpv4 } from './ipv4.ts';

/** The machine (other than `exceptMachineId`) whose adapter on `networkId` has `ip`, statically or by a DHCP lease. */
export function addressHolder(configs: MachineConfigStore, networkId: string, ip: string, exceptMachineId?: string): string | undefined {
  for (const config of configs.configs.values()) {
    if (config.machineId === exceptMachineId) continue;
    if (config.nics.some((nic) => nic.networkId === networkId && nic.ipMode === 'static' && nic.staticIp === ip)) return config.machineId;
  }
  for (const lease of configs.networks.leasesOf(networkId)) {
    if (lease.ip !== ip) continue;
    const other = lease.holders.find((holder) => holder !== exceptMachineId);
    if (other !== undefined) return other;
  }
  return undefined;
}

/**
 * The engine's one rule for a static address, applied wherever one is entered (settings, clone, import, create): the
 * network's own checks, then no other machine may hold it. Returns the normalised address; throws a VALIDATION or
 * CONFLICT AppError on `field` otherwise.
 */
export function requireFreeStaticIp(configs: MachineConfigStore, networkId: string, ip: string, field: string, nameOf: (id: string) => string, exceptMachineId?: string): string {
  const address = configs.networks.validateStatic(networkId, ip, field);
  const holder = addressHolder(configs, networkId, address, exceptMachineId);
  if (holder !== undefined) {
    const network = configs.networks.def(networkId).name;
    throw new AppError('CONFLICT', `${address} is already used by "${nameOf(holder)}" on ${network}; choose another address`, field);
  }
  return address;
}

/** The same rule as a verdict for the UI to show while the address is typed, with a caution when it sits in the DHCP range. */
export function checkStaticIp(configs: MachineConfigStore, networkId: string, ip: string, nameOf: (id: string) => string, exceptMachineId?: string): StaticIpCheck {
  configs.networks.require(networkId);
  try {
    const address = requireFreeStaticIp(configs, networkId, ip, 'ip', nameOf, exceptMachineId);
    const def = configs.networks.def(networkId);
    const value = parseIpv4(address)!;
    const out: StaticIpCheck = { ok: true, ip: address, networkId };
    if (value >= parseIpv4(def.dhcpFirst)! && value <= parseIpv4(def.dhcpLast)!) {
      out.warning = `${address} is inside the DHCP range ${def.dhcpFirst}–${def.dhcpLast} of ${def.name}; its DHCP server will not hand it out while a machine has it`;
    }
    return out;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, message: error.message, networkId };
  }
}
