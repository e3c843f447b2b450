// The engine's machines, indexed by id, by name key and by MAC so uniqueness checks are cheap.
import { AppError } from '../shared/errors.ts';
import { machineNameKey } from '../shared/domain/machine.ts';
import type { Machine } from '../shared/domain/machine.ts';
import type { MachineState } from '../shared/domain/machineState.ts';
import type { LifecycleSubject } from './lifecycle.ts';
import type { MachineWorkload } from './workload.ts';

/** Mutable engine-side machine; views only ever get `Machine` snapshots of it. */
export interface MachineEntity extends LifecycleSubject {
  readonly id: string;
  readonly name: string;
  readonly osType: string;
  readonly hostId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly mac: string;
  readonly createdAtMs: number;
  state: MachineState;
  stateSinceMs: number;
  settlesAtMs: number | undefined;
  readonly workload: MachineWorkload;
}

export class MachineRegistry {
  private readonly byId = new Map<string, MachineEntity>();
  private readonly idByNameKey = new Map<string, string>();
  private readonly macs = new Set<string>();

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): MachineEntity | undefined {
    return this.byId.get(id);
  }

  /** The machine with this id, or NOT_FOUND. */
  require(id: string): MachineEntity {
    const machine = this.byId.get(id);
    if (!machine) throw new AppError('NOT_FOUND', `There is no machine with id "${id}"; it may have been deleted`, 'id');
    return machine;
  }

  findByName(name: string): MachineEntity | undefined {
    const id = this.idByNameKey.get(machineNameKey(name));
    return id === undefined ? undefined : this.byId.get(id);
  }

  isMacTaken(mac: string): boolean {
    return this.macs.has(mac);
  }

  /** Callers check uniqueness first (with explanations); this only guards the invariant. */
  add(machine: MachineEntity): void {
    const key = machineNameKey(machine.name);
    if (this.byId.has(machine.id) || this.idByNameKey.has(key) || this.macs.has(machine.mac)) {
      throw new RangeError(`Machine ${machine.id} collides with an existing machine`);
    }
    this.byId.set(machine.id, machine);
    this.idByNameKey.set(key, machine.id);
    this.macs.add(machine.mac);
  }

  remove(id: string): void {
    const machine = this.byId.get(id);
    if (!machine) return;
    this.byId.delete(id);
    this.idByNameKey.delete(machineNameKey(machine.name));
    this.macs.delete(machine.mac);
  }

  /** In creation order, which keeps telemetry columns stable between batches. */
  values(): IterableIterator<MachineEntity> {
    return this.byId.values();
  }
}

export function toMachine(entity: MachineEntity): Machine {
  return {
    id: entity.id,
    name: entity.name,
    osType: entity.osType,
    hostId: entity.hostId,
    vcpus: entity.vcpus,
    memoryMiB: entity.memoryMiB,
    diskGiB: entity.diskGiB,
    nic: { mac: entity.mac, network: 'nat' },
    state: entity.state,
    stateSinceMs: entity.stateSinceMs,
    createdAtMs: entity.createdAtMs,
  };
}

/** Names sort case-insensitively, ids break ties, so lists are the same on every run. */
export function compareByName(a: MachineEntity, b: MachineEntity): number {
  const ka = machineNameKey(a.name);
  const kb = machineNameKey(b.name);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
