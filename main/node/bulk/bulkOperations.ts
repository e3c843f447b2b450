// Carries out one action on many machines through the engine's batch command, in chunks, with progress and a result per machine.
import { randomUUID } from 'node:crypto';
import { bulkActionWords } from '../../../shared/domain/bulk.ts';
import type { BulkAction, BulkItemResult, BulkResult } from '../../../shared/domain/bulk.ts';
import type { LifecycleAction } from '../../../shared/domain/machineState.ts';
import type { TakeSnapshotSpec } from '../../../shared/domain/snapshot.ts';
import type { BatchOutcome, BatchStep } from '../../../shared/engine/protocol.ts';
import type { ProgressReporter } from '../appliance/operationProgress.ts';
import type { EnginePort } from '../enginePort.ts';

export interface BulkInput {
  readonly action: BulkAction;
  readonly ids: readonly string[];
  readonly snapshot?: TakeSnapshotSpec | undefined;
}

/**
 * Machines per engine command: big enough that a thousand machines starting reach every client as a few batches,
 * small enough that the engine answers well inside its request timeout and progress moves. Deletes work out which
 * machines share disks, which costs more per machine, so they go in smaller chunks.
 */
export const chunkSize: Readonly<Record<BulkAction, number>> = { start: 250, stop: 250, powerOff: 250, pause: 250, resume: 250, snapshot: 100, delete: 50 };
const chunkTimeoutMs = 60_000;

const lifecycleOf: Partial<Record<BulkAction, LifecycleAction>> = { start: 'start', stop: 'stop', powerOff: 'powerOff', pause: 'pause', resume: 'resume' };

function stepFor(input: BulkInput, id: string): BatchStep {
  const action = lifecycleOf[input.action];
  if (action) return { command: 'lifecycle', input: { id, action } };
  if (input.action === 'delete') return { command: 'deleteMachine', input: { id } };
  return { command: 'takeSnapshot', input: { id, snapshotId: randomUUID(), spec: input.snapshot ?? { name: 'Snapshot' } } };
}

export async function runBulk(engine: EnginePort, input: BulkInput, progress: ProgressReporter): Promise<BulkResult> {
  const ids = [...new Set(input.ids)];
  const names = new Map(engine.records().map((record) => [record.id, record.name]));
  const words = bulkActionWords[input.action];
  const results: BulkItemResult[] = [];
  const size = chunkSize[input.action];
  progress(`${words.doing} ${ids.length} machine${ids.length === 1 ? '' : 's'}`, 0, ids.length);
  for (let from = 0; from < ids.length; from += size) {
    const chunk = ids.slice(from, from + size);
    let outcomes: BatchOutcome[];
    try {
      outcomes = await engine.request('batch', { steps: chunk.map((id) => stepFor(input, id)) }, chunkTimeoutMs);
    } catch (error) {
      // The engine went away (crash, timeout): this chunk and the rest are not done, and each says why.
      const reason = error instanceof Error ? error.message : String(error);
      for (const id of ids.slice(from)) results.push({ id, name: names.get(id) ?? id, ok: false, error: { code: 'ENGINE_UNAVAILABLE', message: reason } });
      break;
    }
    chunk.forEach((id, i) => {
      const outcome = outcomes[i];
      const name = names.get(id) ?? id;
      if (outcome?.ok) {
        const freed = input.action === 'delete' ? (outcome.value as { freedMiB?: number }).freedMiB : undefined;
        results.push(freed === undefined ? { id, name, ok: true } : { id, name, ok: true, freedMiB: freed });
      } else {
        results.push({ id, name, ok: false, error: outcome?.error ?? { code: 'INTERNAL', message: 'The engine gave no answer for this machine' } });
      }
    });
    const done = Math.min(ids.length, from + chunk.length);
    progress(`${words.doing} ${done} of ${ids.length} machines`, done, ids.length);
  }
  const failed = results.filter((r) => !r.ok).length;
  const result: BulkResult = { action: input.action, results, succeeded: results.length - failed, failed };
  if (input.action === 'delete') result.freedMiB = results.reduce((sum, r) => sum + (r.freedMiB ?? 0), 0);
  return result;
}
