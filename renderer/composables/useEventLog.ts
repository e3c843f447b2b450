// A machine's or host's lasting event log for a view: search, kind filter, older pages, live refresh when its events are logged, export.
import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { Ref } from 'vue';
import type { EventKind, LoggedEvent } from '../../shared/domain/eventLog.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { describeError } from '../stores/notificationsStore.ts';
import { downloadText } from '../telemetry/download.ts';

export interface LogScope {
  machineId?: string;
  hostId?: string;
}

export const eventPage = 100;
/** Logs refresh at most this often while their machine's events pour in (a thousand machines starting). */
export const eventRefreshMs = 500;

export function useEventLog(scope: () => LogScope, active: Ref<boolean>) {
  const events = shallowRef<readonly LoggedEvent[]>([]);
  const total = ref(0);
  const more = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const text = ref('');
  const kinds = ref<EventKind[]>([]);
  let generation = 0;
  let lastLoad = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: Unsubscribe | undefined;

  const query = () => ({ ...scope(), ...(text.value.trim() ? { text: text.value.trim() } : {}), ...(kinds.value.length > 0 ? { kinds: [...kinds.value] } : {}) });

  /** The newest page, as many events as are shown already (older pages stay loaded). */
  async function load(): Promise<void> {
    lastLoad = Date.now();
    const mine = ++generation;
    try {
      const page = await useApi().queryEvents({ ...query(), limit: Math.min(500, Math.max(eventPage, events.value.length)) });
      if (mine !== generation) return;
      events.value = page.events;
      total.value = page.total;
      more.value = page.more;
      loaded.value = true;
      error.value = null;
    } catch (failure) {
      if (mine === generation) error.value = describeError(failure);
    }
  }

  async function loadOlder(): Promise<void> {
    const oldest = events.value[0];
    if (!oldest) return;
    const mine = ++generation;
    try {
      const page = await useApi().queryEvents({ ...query(), limit: eventPage, beforeSeq: oldest.seq });
      if (mine !== generation) return;
      events.value = [...page.events, ...events.value];
      more.value = page.more;
    } catch (failure) {
      if (mine === generation) error.value = describeError(failure);
    }
  }

  /** Leading edge loads at once; events inside the window collapse into one trailing load. */
  function refreshSoon(): void {
    if (timer !== undefined) return;
    const wait = lastLoad + eventRefreshMs - Date.now();
    timer = setTimeout(
      () => {
        timer = undefined;
        if (active.value) void load();
      },
      Math.max(0, wait),
    );
  }

  async function exportAs(format: 'csv' | 'json'): Promise<void> {
    try {
      const file = await useApi().exportEvents({ ...query(), format });
      downloadText(file.fileName, file.content, file.mediaType);
    } catch (failure) {
      error.value = describeError(failure);
    }
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
    clearTimeout(timer);
    timer = undefined;
  }

  watch(
    [active, () => JSON.stringify(scope())],
    ([on]) => {
      stop();
      events.value = [];
      loaded.value = false;
      if (!on) return;
      unsubscribe = useApi().on('eventsLogged', (logged) => {
        const { machineId, hostId } = scope();
        if ((machineId !== undefined && logged.machineIds.includes(machineId)) || (hostId !== undefined && logged.hostIds.includes(hostId))) refreshSoon();
      });
      void load();
    },
    { immediate: true },
  );
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  watch([text, kinds], () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      events.value = [];
      void load();
    }, 150);
  });
  onScopeDispose(() => {
    stop();
    clearTimeout(searchTimer);
  });

  return { events, total, more, loaded, error, text, kinds, load, loadOlder, exportAs };
}
