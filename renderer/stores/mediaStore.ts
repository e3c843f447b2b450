// The Media Manager's data: disks, ISO images and host drives, kept fresh while it is open, and its commands.
import { defineStore } from 'pinia';
import type { AddIsoSpec, MediaList } from '../../shared/domain/media.ts';
import { useApi } from '../api/apiInstance.ts';
import { watchedList } from './watchedList.ts';
import { useNotificationsStore } from './notificationsStore.ts';
import { formatSpace } from '../format/units.ts';

/** Disks grow every simulated second a guest writes; one listMedia per this many ms is plenty. */
export const mediaRefreshIntervalMs = 1000;

export const useMediaStore = defineStore('media', () => {
  const list = watchedList<MediaList>(() => useApi().listMedia({}), { disks: [], isoImages: [], hostDrives: [] }, mediaRefreshIntervalMs);
  const { value: media, loaded, refresh } = list;
  /** Keeps the list fresh while at least one caller watches; returns the function that stops watching. */
  const watchMedia = list.watch;

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
