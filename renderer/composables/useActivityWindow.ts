// A machine's charted activity: subscribes to its metrics, loads their history per range, rebuilds the window once per frame.
import { onBeforeUnmount, ref, shallowRef, useId, watch } from 'vue';
import type { Ref } from 'vue';
import { telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { HistoryRange, TelemetryHistory, TelemetryMetric } from '../../shared/domain/telemetry.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import { AppError } from '../../shared/errors.ts';
import { useApi } from '../api/apiInstance.ts';
import { useTelemetryStore } from '../stores/telemetryStore.ts';
import { buildActivityWindow, historyGap, historyPoints } from '../telemetry/activityWindow.ts';
import type { ActivityWindow } from '../telemetry/activityWindow.ts';

/**
 * Used by the Activity tab (every metric) and the details mini chart (CPU and memory): both start from the recorded
 * history and continue with live samples, so neither starts empty nor shows a hole where the two meet.
 */
export function useActivityWindow(machine: () => Machine, range: Ref<HistoryRange>, paused: Ref<boolean>, metrics: readonly TelemetryMetric[] = telemetryMetrics) {
  const telemetry = useTelemetryStore();
  const owner = `activity-${useId()}`;
  /** Replaced (never mutated) at most once per animation frame; charts redraw when it changes. */
  const shown = shallowRef<ActivityWindow | null>(null);
  const history = shallowRef<TelemetryHistory | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let frame = 0;
  let request = 0;

  /** `force`: the user changed machine or range, which shows at once even while paused. */
  function rebuild(force = false): void {
    frame = 0;
    if (paused.value && !force) return;
    const ring = telemetry.samples(machine().id)?.history ?? null;
    // Watching for longer than the ring holds: fetch history again rather than draw a hole.
    if (historyGap(history.value, ring) && !loading.value) void load(false);
    shown.value = buildActivityWindow(range.value, history.value, ring);
  }

  function schedule(): void {
    if (frame === 0 && !paused.value) frame = requestAnimationFrame(() => rebuild());
  }

  async function load(force: boolean): Promise<void> {
    const token = (request += 1);
    const id = machine().id;
    loading.value = true;
    try {
      const next = await useApi().getTelemetryHistory({ machineId: id, range: range.value, metrics: [...metrics], maxPoints: historyPoints[range.value] });
      if (token !== request) return;
      history.value = next;
      error.value = null;
      rebuild(force);
    } catch (cause) {
      if (token !== request) return;
      error.value = `Could not load the recorded activity: ${cause instanceof AppError ? cause.message : String(cause)}. Live samples are still shown.`;
    } finally {
      if (token === request) loading.value = false;
    }
  }

  watch(
    () => [machine().id, isPoweredDown(machine().state)] as const,
    ([id, off]) => telemetry.need(owner, off ? null : { machineIds: [id], metrics: [...metrics], history: true }),
    { immediate: true },
  );
  watch(
    [() => machine().id, range],
    () => {
      history.value = null;
      // Shown at once, even while paused: the user asked for this range.
      rebuild(true);
      void load(true);
    },
    { immediate: true },
  );
  watch(() => telemetry.version, schedule);
  watch(paused, (isPaused) => {
    if (!isPaused) schedule();
  });

  onBeforeUnmount(() => {
    telemetry.need(owner, null);
    request += 1;
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
  });

  return { shown, history, loading, error };
}
