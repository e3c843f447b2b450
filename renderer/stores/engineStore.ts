// Engine health: status events, the crash-restart notice, and the simulated clock the status bar shows.
import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { useMachinesStore } from './machinesStore.ts';

const stateLabels: Record<EngineStatus['state'], string> = {
  running: 'Engine running',
  restarting: 'Engine restarting…',
  down: 'Engine down',
};

export function crashNoticeText(status: EngineStatus): string {
  // The reason is a sentence of its own; drop its full stop so the notice does not print two.
  const reason = (status.lastCrash?.reason ?? 'unknown reason').replace(/[.\s]+$/, '');
  const count = status.lastCrash?.machinesPoweredOff ?? 0;
  const consequence =
    count === 1 ? '1 running machine was powered off.' : `${count} running machines were powered off.`;
  return `Engine restarted after a crash: ${reason}. ${consequence}`;
}

/** Where the simulated clock was at a known real instant, so the status bar can advance it between updates. */
interface ClockAnchor {
  simTimeMs: number;
  realMs: number;
  speed: number;
  ticking: boolean;
}

export const useEngineStore = defineStore('engine', () => {
  const status = ref<EngineStatus | null>(null);
  const notice = ref<string | null>(null);
  const clock = shallowRef<ClockAnchor | null>(null);
  /** Restarts already seen; null until the first status, which is only a baseline. */
  let knownRestarts: number | null = null;
  let unsubscribe: Unsubscribe | undefined;

  const label = computed(() => (status.value ? stateLabels[status.value.state] : 'Engine status unknown'));

  function apply(next: EngineStatus, realNowMs = Date.now()): void {
    const restarted = knownRestarts !== null && next.restarts > knownRestarts;
    knownRestarts = next.restarts;
    status.value = next;
    clock.value = { simTimeMs: next.simTimeMs, realMs: realNowMs, speed: next.speed, ticking: next.state === 'running' };
    if (restarted) {
      notice.value = crashNoticeText(next);
      // Machines that were running are powered off now; fetch the truth rather than guess.
      void useMachinesStore().load();
    }
  }

  /** Telemetry batches carry the simulated time; they keep the clock honest between status updates. */
  function observeSimTime(simTimeMs: number, realNowMs = Date.now()): void {
    const anchor = clock.value;
    if (!anchor) return;
    clock.value = { ...anchor, simTimeMs, realMs: realNowMs };
  }

  function simTimeAt(realNowMs: number): number | null {
    const anchor = clock.value;
    if (!anchor) return null;
    if (!anchor.ticking) return anchor.simTimeMs;
    return anchor.simTimeMs + Math.max(0, realNowMs - anchor.realMs) * anchor.speed;
  }

  async function load(): Promise<void> {
    try {
      apply(await useApi().getEngineStatus({}));
    } catch {
      // The status bar keeps the last known state; the next engineStatus event corrects it.
    }
  }

  function dismissNotice(): void {
    notice.value = null;
  }

  function attach(): void {
    unsubscribe?.();
    unsubscribe = useApi().on('engineStatus', (next) => apply(next));
  }

  return { status, notice, clock, label, apply, observeSimTime, simTimeAt, load, dismissNotice, attach };
});
