// The backend's copy of every machine the engine reported, with its full configuration, so a restarted engine can be re-seeded.
import type { Machine } from '../../shared/domain/machine.ts';
import type { MachineConfigRecord } from '../../shared/domain/machineConfig.ts';
import type { MachineRecord } from '../../shared/engine/protocol.ts';

export class MachineMirror {
  readonly #machines = new Map<string, Machine>();
  /** Disks, snapshots, NICs and origin per machine from the engine's latest `exportRecords`, in its (creation) order. */
  readonly #configs = new Map<string, MachineConfigRecord>();

  constructor(initial: readonly Machine[] = []) {
    this.replaceAll(initial);
  }

  get size(): number {
    return this.#machines.size;
  }

  upsert(machine: Machine): void {
    this.#machines.set(machine.id, machine);
  }

  remove(id: string): boolean {
    this.#configs.delete(id);
    return this.#machines.delete(id);
  }

  /**
   * Takes the configurations from a full export (or from the records a worker was started with). The export is
   * all-or-nothing because machines share images (a linked clone reads its source's base), so it replaces every config.
   */
  setConfigs(records: readonly MachineRecord[]): void {
    this.#configs.clear();
    for (const record of records) if (record.config !== undefined) this.#configs.set(record.id, record.config);
  }

  hasConfig(id: string): boolean {
    return this.#configs.has(id);
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

  /** Replaces the contents and returns the ids that disappeared. */
  replaceAll(machines: readonly Machine[]): string[] {
    const removed = new Set(this.#machines.keys());
    this.#machines.clear();
    for (const machine of machines) {
      this.#machines.set(machine.id, machine);
      removed.delete(machine.id);
    }
    for (const id of removed) this.#configs.delete(id);
    return [...removed];
  }

  /** Machines that were not powered off: they lose their run state when the engine dies. */
  countActive(): number {
    let count = 0;
    for (const machine of this.#machines.values()) if (machine.state !== 'PoweredOff') count += 1;
    return count;
  }

  /**
   * Configuration only: run state is not restored after a crash, machines come back powered off. Basic fields come
   * from the latest notification, `config` from the latest export; machines created since that export go last, without
   * one (the engine then gives them a fresh disk and NAT adapter with their MAC).
   */
  records(): MachineRecord[] {
    const out: MachineRecord[] = [];
    for (const [id, config] of this.#configs) {
      const machine = this.#machines.get(id);
      if (machine) out.push({ ...toRecord(machine), config });
    }
    for (const machine of this.#machines.values()) if (!this.#configs.has(machine.id)) out.push(toRecord(machine));
    return out;
  }
}

export function toRecord(machine: Machine): MachineRecord {
  // Kind and chain follow from the platform; the engine recomputes them.
  const { state: _state, stateSinceMs: _since, chain: _chain, kind: _kind, ...record } = machine;
  return record;
}
