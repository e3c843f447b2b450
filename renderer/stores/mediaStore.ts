// The Media Manager's data: disks, ISO images and host drives, kept fresh while it is open, and its commands.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { AddIsoSpec, MediaList } from '../../shared/domain/media.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { useNotificationsStore } from './notificationsStore.ts';
import { formatSpace } from '../format/units.ts';

/** Disks grow every simulated second a guest writes; one listMedia per this many ms is plenty. */
export const mediaRefreshIntervalMs = 1000;

export const useMediaStore = defineStore('media', () => {
  const media = ref<MediaList>({ disks: [], isoImages: [], hostDrives: [] });
  const loaded = ref(false);
  let watchers = 0;
  let unsubscribers: Unsubscribe[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function refresh(): Promise<void> {
    const mine = ++generation;
    try {
      const next = await useApi().listMedia({});
      if (mine !== generation) return;
      media.value = next;
      loaded.value = true;
    } catch {
      // The view keeps what it showed; the next change or reopening tries again.
    }
  }

  function scheduleRefresh(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, mediaRefreshIntervalMs);
  }

  /** Keeps the lists fresh while at least one caller watches (the Media Manager, the ISO picker); returns the stop function. */
  function watchMedia(): () => void {
    watchers += 1;
    if (watchers === 1) {
      const api = useApi();
      unsubscribers = [api.on('inventoryChanged', () => void refresh()), api.on('machinesChanged', scheduleRefresh)];
    }
    void refresh();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      watchers -= 1;
      if (watchers > 0) return;
      for (const stop of unsubscribers) stop();
      unsubscribers = [];
      clearTimeout(timer);
      timer = undefined;
    };
  }

  /** Runs a command that returns the new lists; reports its failure, and says what it freed. */
  async function run(what: string, call: () => Promise<MediaList & { freedMiB?: number }>, done?: (freedMiB: number) => string): Promise<boolean> {
    try {
      const next = await call();
      const { freedMiB = 0, ...lists } = next;
      media.value = lists;
      if (done) useNotificationsStore().show(done(freedMiB));
      return true;
    } catch (error) {
      useNotificationsStore().showError(`Could not ${what}`, error);
      return false;
    }
  }

  /** Errors are thrown so the Add ISO form can show them on its fields. */
  async function addIso(spec: AddIsoSpec): Promise<void> {
    media.value = await useApi().addIsoImage(spec);
  }

  const remove = (mediumId: string, name: string) => run(`remove "${name}"`, () => useApi().removeMedium({ mediumId }), (freed) => `Removed "${name}"${freed > 0 ? `; ${formatSpace(freed)} freed` : ''}`);
  const release = (mediumId: string, name: string) => run(`release "${name}"`, () => useApi().releaseMedium({ mediumId }), () => `Released "${name}" from every optical drive`);
  const compact = (diskId: string, name: string) => run(`compact "${name}"`, () => useApi().compactDisk({ diskId }), (freed) => `Compacted "${name}"; ${formatSpace(freed)} freed`);

  return { media, loaded, refresh, watchMedia, addIso, remove, release, compact };
});
