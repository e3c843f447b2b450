// Actions on many machines at once: one at a time, with one progress view, a result per machine, and a notice in the center.
import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { bulkActionWords } from '../../shared/domain/bulk.ts';
import type { BulkAction, BulkResult } from '../../shared/domain/bulk.ts';
import type { LabelPatch } from '../../shared/domain/machineLabels.ts';
import type { TakeSnapshotSpec } from '../../shared/domain/snapshot.ts';
import { formatSpace } from '../../shared/format/quantities.ts';
import { useApi } from '../api/apiInstance.ts';
import { newOperationId } from '../composables/useOperationProgress.ts';
import { describeError, useNotificationsStore } from './notificationsStore.ts';
import type { NoticeItem, NoticeTone } from './notificationsStore.ts';
import { useMachinesStore } from './machinesStore.ts';
import { useCatalogStore } from './catalogStore.ts';

/** The operation the progress view shows: running, then its outcome until the view is closed. */
export interface BulkOperation {
  readonly title: string;
  readonly total: number;
  done: number;
  step: string;
  phase: 'running' | 'done';
  /** Per machine, failures first. */
  items: NoticeItem[];
  summary: string;
  tone: NoticeTone;
}

const plural = (n: number, word = 'machine'): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const useBulkStore = defineStore('bulk', () => {
  const operation = shallowRef<BulkOperation | null>(null);
  /** The progress view is shown; hiding it lets the operation go on in the background (the status bar follows it). */
  const shown = ref(false);
  const running = computed(() => operation.value?.phase === 'running');

  function update(change: Partial<BulkOperation>): void {
    if (operation.value) operation.value = { ...operation.value, ...change };
  }

  function finish(summary: string, tone: NoticeTone, items: NoticeItem[]): void {
    update({ phase: 'done', summary, tone, items, done: operation.value?.total ?? 0 });
    useNotificationsStore().record({ title: summary, tone, items });
    // Finished in the background: nothing to come back to but the notification center.
    if (!shown.value) operation.value = null;
  }

  /** Runs `action` on every machine in `ids`; each is tried on its own. Returns the result (null when the call failed as a whole). */
  async function run(action: BulkAction, ids: readonly string[], snapshot?: TakeSnapshotSpec): Promise<BulkResult | null> {
    if (running.value || ids.length === 0) return null;
    const words = bulkActionWords[action];
    operation.value = { title: `${words.label}: ${plural(ids.length)}`, total: ids.length, done: 0, step: `${words.doing} ${plural(ids.length)}…`, phase: 'running', items: [], summary: '', tone: 'info' };
    shown.value = true;
    const api = useApi();
    const operationId = newOperationId();
    const stop = api.on('operationProgress', (progress) => {
      if (progress.operationId === operationId) update({ done: progress.done, step: progress.step });
    });
    try {
      const result = await api.runBulkOperation({ action, ids: [...ids], operationId, ...(snapshot ? { snapshot } : {}) });
      const failed = result.results.filter((r) => !r.ok);
      const items: NoticeItem[] = [
        ...failed.map((r) => ({ name: r.name, ok: false, detail: r.error?.message ?? 'refused' })),
        ...result.results.filter((r) => r.ok).map((r) => ({ name: r.name, ok: true, detail: r.freedMiB === undefined ? words.done : `${words.done}, ${formatSpace(r.freedMiB)} freed` })),
      ];
      const freed = result.freedMiB ? `; ${formatSpace(result.freedMiB)} freed` : '';
      const summary =
        failed.length === 0
          ? `${words.label}: all ${plural(result.succeeded)} ${words.done}${freed}`
          : `${words.label}: ${result.succeeded} of ${plural(result.results.length)} ${words.done}, ${failed.length} failed${freed}`;
      finish(summary, failed.length === 0 ? 'success' : result.succeeded === 0 ? 'error' : 'warning', items);
      if (action === 'delete' || action === 'start' || action === 'powerOff' || action === 'stop') void useCatalogStore().refreshHosts();
      return result;
    } catch (error) {
      finish(`${words.label} of ${plural(ids.length)} failed: ${describeError(error)}`, 'error', []);
      return null;
    } finally {
      stop();
    }
  }

  /** Group, owner, tags or expiry for many machines (all or nothing). `what` says it for the notice: "Moved to lab/web". */
  async function label(ids: readonly string[], patch: LabelPatch, what: string): Promise<boolean> {
    if (ids.length === 0) return false;
    try {
      const changed = await useApi().labelMachines({ ids: [...ids], patch });
      const machines = useMachinesStore();
      machines.applyChanges({ machines: changed, configChanged: [], removed: [] });
      useNotificationsStore().record({ title: `${what}: ${plural(changed.length)}`, tone: 'success' });
      return true;
    } catch (error) {
      useNotificationsStore().showError(`Could not change ${plural(ids.length)}`, error);
      return false;
    }
  }

  /** Hides the progress view; a finished operation is then forgotten (its result stays in the notification center). */
  function close(): void {
    shown.value = false;
    if (!running.value) operation.value = null;
  }

  function show(): void {
    if (operation.value) shown.value = true;
  }

  return { operation, shown, running, run, label, close, show };
});
