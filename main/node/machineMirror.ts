// The backend's copy of every machine the engine reported, kept from its change stream, so a restarted engine can be re-seeded.
import type { Machine } from '../../shared/domain/machine.ts';
import type { MachineRecord } from '../../shared/domain/machineRecord.ts';
import { toMachineRecord } from '../../shared/domain/machineRecord.ts';
import type { EngineChanges, EngineInventory } from '../../shared/engine/protocol.ts';

export class MachineMirror {
  readonly #machines = new Map<string, Machine>();
  /** Full records (disks, snapshots, NICs, origin) in creation order, as the engine last reported each one. */
  readonly #records = new Map<string, MachineRecord>();
  /** The engine's inventory (networks, installed platforms, media) as it last reported it, or as it was seeded. */
  #inventory: EngineInventory | undefined;

  get size(): number {
    return this.#machines.size;
  }

  /** Applies one batch of the engine's changes: exactly what it says changed, nothing else is touched. */
  apply(changes: EngineChanges): void {
    if (changes.inventory) this.#inventory = changes.inventory;
    for (const machine of changes.machines) this.#machines.set(machine.id, machine);
    for (const record of changes.records) this.#records.set(record.id, record);
    for (const id of changes.removed) {
      this.#machines.delete(id);
      this.#records.delete(id);
    }
  }

  /** After an engine (re)start: the records it was seeded with and the machines it reports; returns ids that disappeared. */
  reset(records: readonly MachineRecord[], machines: readonly Machine[]): string[] {
    const gone = new Set(this.#machines.keys());
    this.#records.clear();
    for (const record of records) this.#records.set(record.id, record);
    this.#machines.clear();
    for (const machine of machines) {
      this.#machines.set(machine.id, machine);
      gone.delete(machine.id);
    }
    for (const id of [...this.#records.keys()]) if (!this.#machines.has(id)) this.#records.delete(id);
    return [...gone];
  }

  get(id: string): Machine | undefined {
    return this.#machines.get(id);
  }

  has(id: string): boolean {
    return this.#machines.has(id);
  }

  list(): Machine[] {
    return [...this.#machines.values()];
  }

  /** Machines that were not powered off: they lose their run state when the engine dies. */
  countActive(): number {
    let count = 0;
    for (const machine of this.#machines.values()) if (machine.state !== 'PoweredOff') count += 1;
    return count;
  }

  /** What a restarted engine is re-seeded with: every machine's latest record, in creation order; run state is not kept. */
  records(): MachineRecord[] {
    const out = [...this.#records.values()].filter((record) => this.#machines.has(record.id));
    for (const machine of this.#machines.values()) if (!this.#records.has(machine.id)) out.push(toMachineRecord(machine));
    return out;
  }

  get inventory(): EngineInventory | undefined {
    return this.#inventory;
  }

  /** What the engine was (re)started with. */
  seedInventory(inventory: EngineInventory | undefined): void {
    this.#inventory = inventory;
  }

  record(id: string): MachineRecord | undefined {
    return this.#records.get(id);
  }
}
