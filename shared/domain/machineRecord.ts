// A machine as it is kept and restored: the Machine without what the engine derives (state, chain, kind), plus its configuration.
import { z } from 'zod';
import { machineSchema } from './machine.ts';
import { refuseUnsafeCharacters } from './nameCharacters.ts';
import type { Machine } from './machine.ts';
import { machineConfigRecordSchema } from './machineConfig.ts';
import type { MachineConfigRecord } from './machineConfig.ts';

const whole = (label: string) => z.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`);
const text = (label: string) => z.string({ error: `${label} must be text` }).min(1, `${label} must not be empty`);

/** The one definition of "a machine without its derived fields", with messages a user can act on in a hand-edited file. */
export const machineRecordSchema = machineSchema.omit({ state: true, stateSinceMs: true, chain: true, kind: true }).extend({
  id: text('Machine id'),
  name: text('Name').superRefine(refuseUnsafeCharacters('Name')),
  osType: text('OS type'),
  hostId: text('Host id'),
  platformId: text('Platform id'),
  vcpus: whole('vCPUs').min(1, 'vCPUs must be at least 1'),
  memoryMiB: whole('Memory').min(1, 'Memory must be at least 1 MiB'),
  diskGiB: whole('Disk size').min(1, 'Disk size must be at least 1 GiB'),
  createdAtMs: z.number({ error: 'Creation time must be a number' }),
  /** Disks, snapshots, NICs and optical drive; older records without it get one thin disk and one NAT NIC on restore. */
  config: machineConfigRecordSchema.optional(),
});
export type MachineRecord = z.infer<typeof machineRecordSchema>;

/** The record of a machine: its fields without the derived ones, with its configuration when given. */
export function toMachineRecord(machine: Machine, config?: MachineConfigRecord): MachineRecord {
  const { state: _state, stateSinceMs: _since, chain: _chain, kind: _kind, ...record } = machine;
  return config === undefined ? record : { ...record, config };
}
