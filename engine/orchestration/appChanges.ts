// Adds the orchestrator's changes (application views, records to save, removals) to a batch of machine changes.
import type { EngineChanges } from '../../shared/engine/protocol.ts';
import type { AppChanges } from './orchestrator.ts';

export function withApplicationChanges(machines: EngineChanges | undefined, apps: AppChanges | undefined): EngineChanges | undefined {
  if (!apps) return machines;
  const out: EngineChanges = machines ?? { machines: [], records: [], removed: [], events: [] };
  if (apps.views.length > 0) out.applications = apps.views;
  if (apps.records.length > 0) out.applicationRecords = apps.records;
  if (apps.removed.length > 0) out.removedApplications = apps.removed;
  return out;
}
