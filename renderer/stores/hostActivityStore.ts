// Live host dashboard data: getHostActivity polled once a second, only while some view that shows it is on screen.
import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { HostActivity } from '../../shared/domain/telemetry.ts';
import { AppError } from '../../shared/errors.ts';
import { useApi } from '../api/apiInstance.ts';

export const hostActivityPollMs = 1000;

export const useHostActivityStore = defineStore('hostActivity', () => {
  /** Replaced wholesale on every poll. */
  const byHost = shallowRef<ReadonlyMap<string, HostActivity>>(new Map());
  const error = ref<string | null>(null);
  let watchers = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight = false;

  async function refresh(): Promise<void> {
    // A slow answer is not queued behind; the next tick asks again.
    if (inFlight || useApi().connectionState() !== 'open') return;
    inFlight = true;
    try {
      const list = await useApi().getHostActivity({});
      byHost.value = new Map(list.map((activity) => [activity.hostId, activity]));
      error.value = null;
    } catch (cause) {
      error.value = `Live host activity is unavailable: ${cause instanceof AppError ? cause.message : String(cause)}`;
    } finally {
      inFlight = false;
    }
  }

  /** A view showing host activity appeared; returns the function to call when it goes away. */
  function watchHosts(): () => void {
    watchers += 1;
    if (watchers === 1) {
      void refresh();
      timer = setInterval(() => void refresh(), hostActivityPollMs);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      watchers -= 1;
      if (watchers === 0 && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }

  return { byHost, error, refresh, watchHosts };
});
