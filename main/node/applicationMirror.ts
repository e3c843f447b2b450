// The backend's copy of every application record the engine reported, kept from its change stream, so a restarted
// engine gets its applications back (as it gets its machines back from the machine mirror).
import type { ApplicationRecord } from '../../shared/domain/applicationRecord.ts';
import type { EngineChanges } from '../../shared/engine/protocol.ts';

export class ApplicationMirror {
  /** In creation order. */
  readonly #records = new Map<string, ApplicationRecord>();

  apply(changes: EngineChanges): void {
    for (const record of changes.applicationRecords ?? []) this.#records.set(record.id, record);
    for (const id of changes.removedApplications ?? []) this.#records.delete(id);
  }

  reset(records: readonly ApplicationRecord[]): void {
    this.#records.clear();
    for (const record of records) this.#records.set(record.id, record);
  }

  records(): ApplicationRecord[] {
    return [...this.#records.values()];
  }
}
