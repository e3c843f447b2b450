// Run-time exclusivity: no two running guests share an IP or a MAC on one network, and one guest per host holds its DVD drive.
import { AppError } from '../../shared/errors.ts';
import type { NicState } from '../machineConfigStore.ts';
import { isActive } from '../opsContext.ts';
import type { OpsContext } from '../opsContext.ts';

/** Refuses, naming the holder, when an address of `nics` is used by another running machine on the same network. */
export function checkIpConflicts(ctx: OpsContext, machineId: string, nics: readonly NicState[], field = 'nics'): void {
  const lib = ctx.configs;
  nics.forEach((nic, i) => {
    const ip = lib.ipOf(nic);
    for (const other of lib.configs.values()) {
      if (other.machineId === machineId || !isActive(ctx, other.machineId)) continue;
      for (const theirs of other.nics) {
        if (theirs.networkId !== nic.networkId) continue;
        if (ip !== '' && lib.ipOf(theirs) === ip) {
          throw new AppError('CONFLICT', `${ip} is already used by running machine "${ctx.nameOf(other.machineId)}"`, `${field}.${i}.staticIp`);
        }
        if (theirs.mac === nic.mac) throw new AppError('CONFLICT', `MAC address ${nic.mac} is already used by running machine "${ctx.nameOf(other.machineId)}"`, `${field}.${i}.mac`);
      }
    }
  });
}

/** Refuses when another running guest on the same host holds the host's DVD drive. */
export function checkHostDrive(ctx: OpsContext, machineId: string, wantsHostDrive: boolean): void {
  if (!wantsHostDrive) return;
  const hostId = ctx.configs.require(machineId).hostId;
  for (const other of ctx.configs.configs.values()) {
    if (other.machineId === machineId || other.hostId !== hostId || other.optical.kind !== 'host' || !isActive(ctx, other.machineId)) continue;
    throw new AppError('CONFLICT', `The host DVD drive of "${ctx.hostNameOf(machineId)}" is held by running machine "${ctx.nameOf(other.machineId)}"`, 'optical');
  }
}

/** Everything a machine must hold exclusively before it starts. */
export function checkStart(ctx: OpsContext, machineId: string): void {
  const config = ctx.configs.require(machineId);
  checkIpConflicts(ctx, machineId, config.nics);
  checkHostDrive(ctx, machineId, config.optical.kind === 'host');
}
