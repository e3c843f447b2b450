// The backend's copy of every machine the engine reported, kept so a restarted engine can be re-seeded.
import type { Machine } from '../../shared/domain/machine.ts';
import type { MachineRecord } from '../../shared/engine/protocol.ts';

export class MachineMirror {
  readonly #machines = new Map<string, Machine>();

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
    return this.#machines.delete(id);
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
    return [...removed];
  }

  /** Machines that were not powered off: they lose their run state when the engine dies. */
  countActive(): number {
    let count = 0;
    for (const machine of this.#machines.values()) if (machine.state !== 'PoweredOff') count += 1;
    return count;
  }

  /** Configuration only: run state is not restored after a crash, machines come back powered off. */
  records(): MachineRecord[] {
    return this.list().map(toRecord);
  }
}

export function toRecord(machine: Machine): MachineRecord {
  // Kind and chain follow from the platform; the engine recomputes them.
  const { state: _state, stateSinceMs: _since, chain: _chain, kind: _kind, ...record } = machine;
  return record;
}
