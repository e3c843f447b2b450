// Collects what commands and simulated time changed, so the engine hands out exactly those deltas and nothing else.
import type { EngineChanges, EngineInventory } from '../shared/engine/protocol.ts';
import type { Machine } from '../shared/domain/machine.ts';
import type { MachineRecord } from '../shared/domain/machineRecord.ts';
import type { SimEvent } from '../shared/domain/machineMetrics.ts';

export interface ChangeSources {
  machine(id: string): Machine;
  record(id: string): MachineRecord;
  /** Events logged since `cursor` (an earlier count), and the count now. */
  eventsSince(cursor: number): { events: SimEvent[]; cursor: number };
  inventory(): EngineInventory;
}

export class ChangeRecorder {
  readonly #viewed = new Set<string>();
  readonly #configured = new Set<string>();
  readonly #removed = new Set<string>();
  #inventory = false;
  #eventCursor = 0;

  /** Starts from `cursor` events already handed out (a fresh world starts at its current count). */
  reset(eventCursor: number): void {
    this.#viewed.clear();
    this.#configured.clear();
    this.#removed.clear();
    this.#inventory = false;
    this.#eventCursor = eventCursor;
  }

  /** Networks, installed platforms or media changed: the next batch carries the whole inventory. */
  inventoryChanged(): void {
    this.#inventory = true;
  }

  /** What clients see of the machine changed (its state, for instance). */
  viewChanged(id: string): void {
    this.#viewed.add(id);
  }

  /** Its configuration changed too: the record must be saved. */
  configChanged(...ids: string[]): void {
    for (const id of ids) {
      this.#viewed.add(id);
      this.#configured.add(id);
      this.#removed.delete(id);
    }
  }

  removed(id: string): void {
    this.#viewed.delete(id);
    this.#configured.delete(id);
    this.#removed.add(id);
  }

  /** Everything changed since the last take, or undefined when nothing did. */
  take(sources: ChangeSources): EngineChanges | undefined {
    const { events, cursor } = sources.eventsSince(this.#eventCursor);
    this.#eventCursor = cursor;
    if (this.#viewed.size === 0 && this.#removed.size === 0 && events.length === 0 && !this.#inventory) return undefined;
    const changes: EngineChanges = {
      machines: [...this.#viewed].map((id) => sources.machine(id)),
      records: [...this.#configured].map((id) => sources.record(id)),
      removed: [...this.#removed],
      events,
    };
    if (this.#inventory) changes.inventory = sources.inventory();
    this.#viewed.clear();
    this.#configured.clear();
    this.#removed.clear();
    this.#inventory = false;
    return changes;
  }
}
