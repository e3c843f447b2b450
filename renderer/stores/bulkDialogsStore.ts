// Which dialog of an action on many machines is open (move to group, tags, snapshot, confirm power off or delete), and for which machines.
import { computed, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { BulkAction } from '../../shared/domain/bulk.ts';

export type BulkDialog =
  | { kind: 'move'; ids: readonly string[] }
  | { kind: 'tags'; ids: readonly string[] }
  | { kind: 'snapshot'; ids: readonly string[] }
  /** Actions that lose work or data are confirmed first. */
  | { kind: 'confirm'; action: Extract<BulkAction, 'delete' | 'powerOff'>; ids: readonly string[] };

export const useBulkDialogsStore = defineStore('bulkDialogs', () => {
  const open = shallowRef<BulkDialog | null>(null);
  const anyOpen = computed(() => open.value !== null);

  function show(dialog: BulkDialog): void {
    if (dialog.ids.length > 0) open.value = dialog;
  }

  function close(): void {
    open.value = null;
  }

  return { open, anyOpen, show, close };
});
