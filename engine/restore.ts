// Rebuilds the machine registry from the backend's records after a (re)start, refusing inconsistent records.
import { AppError } from '../shared/errors.ts';
import { machineNameKey } from '../shared/domain/machine.ts';
import type { MachineRecord } from '../shared/engine/protocol.ts';
import type { HostRegistry } from './hostRegistry.ts';
import { MachineRegistry } from './machineRegistry.ts';
import type { MachineEntity } from './machineRegistry.ts';

/**
 * Records were accepted by the engine once, so capacity is not re-checked (a machine must never vanish
 * because a limit changed); identity must still be unique and hosts must exist, or the model breaks.
 */
export function restoreMachines(
  records: readonly MachineRecord[],
  hosts: HostRegistry,
  toEntity: (record: MachineRecord) => MachineEntity,
): MachineRegistry {
  const registry = new MachineRegistry();
  const names = new Map<string, string>();
  records.forEach((record, index) => {
    const at = `machines.${index}`;
    hosts.require(record.hostId, `${at}.hostId`);
    if (registry.has(record.id)) {
      throw new AppError('CONFLICT', `Two machine records share the id "${record.id}"`, `${at}.id`);
    }
    const key = machineNameKey(record.name);
    const other = names.get(key);
    if (other !== undefined) {
      throw new AppError('CONFLICT', `Machines "${other}" and "${record.name}" have the same name`, `${at}.name`);
    }
    if (registry.isMacTaken(record.nic.mac)) {
      throw new AppError('CONFLICT', `Machine "${record.name}" has the MAC address ${record.nic.mac} of another machine`, `${at}.nic.mac`);
    }
    names.set(key, record.name);
    registry.add(toEntity(record));
  });
  return registry;
}
