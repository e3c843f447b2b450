// Follows one long call's `operationProgress` events: the client picks the operation id and sees only its own steps.
import { computed, onScopeDispose, ref } from 'vue';
import type { OperationProgress } from '../../shared/domain/appliance.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';

/** A version-4 UUID; `crypto.randomUUID` needs a secure context, which a file:// or plain-http page may not be. */
export function newOperationId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function useOperationProgress() {
  const latest = ref<OperationProgress | null>(null);
  let stopListening: Unsubscribe | null = null;

  /** 0–100 once the backend has reported a total, null before (the bar is indeterminate until then). */
  const percent = computed(() => {
    const p = latest.value;
    return p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  });
  const step = computed(() => latest.value?.step ?? null);

  function stop(): void {
    stopListening?.();
    stopListening = null;
  }

  /** Starts listening under a fresh id and returns it, to pass as the call's `operationId`. */
  function begin(): string {
    stop();
    const operationId = newOperationId();
    latest.value = null;
    stopListening = useApi().on('operationProgress', (progress) => {
      if (progress.operationId === operationId) latest.value = progress;
    });
    return operationId;
  }

  onScopeDispose(stop);
  return { latest, percent, step, begin, stop };
}
