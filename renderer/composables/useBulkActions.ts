// The actions a set of machines offers (start, shut down, power off, pause, resume, snapshot, group, tags, export, delete) and carrying them out.
import { computed } from 'vue';
import type { ComputedRef } from 'vue';
import type { Machine } from '../../shared/domain/machine.ts';
import { actionAllowedFrom, isPoweredDown } from '../../shared/domain/machineState.ts';
import { bulkActionWords } from '../../shared/domain/bulk.ts';
import type { BulkAction } from '../../shared/domain/bulk.ts';
import { useBulkStore } from '../stores/bulkStore.ts';
import { useBulkDialogsStore } from '../stores/bulkDialogsStore.ts';
import { useApplianceDialogsStore } from '../stores/applianceDialogsStore.ts';
import { useSelectionStore } from '../stores/selectionStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';

export interface BulkEntry {
  readonly id: BulkAction | 'move' | 'tags' | 'export';
  readonly title: string;
  readonly icon: string;
  readonly color?: string;
  /** How many of the machines it applies to (the others are skipped or refused). */
  readonly applies: number;
  readonly enabled: boolean;
  /** Starts a divider before it. */
  readonly divider?: boolean;
}

const lifecycleIcons: Partial<Record<BulkAction, { icon: string; color: string }>> = {
  start: { icon: 'mdi-play', color: 'success' },
  stop: { icon: 'mdi-stop', color: 'error' },
  powerOff: { icon: 'mdi-power-plug-off', color: 'error' },
  pause: { icon: 'mdi-pause', color: 'warning' },
  resume: { icon: 'mdi-play-pause', color: 'success' },
};

export function useBulkActions(machines: () => readonly Machine[]): { entries: ComputedRef<BulkEntry[]>; perform: (id: BulkEntry['id']) => void } {
  const bulk = useBulkStore();
  const dialogs = useBulkDialogsStore();
  const connection = useConnectionStore();

  const entries = computed<BulkEntry[]>(() => {
    const list = machines();
    const online = connection.isOpen && !bulk.running && list.length > 0;
    const count = (states: readonly string[]): number => list.filter((m) => states.includes(m.state)).length;
    const lifecycle = (action: 'start' | 'stop' | 'powerOff' | 'pause' | 'resume'): BulkEntry => {
      const applies = count(actionAllowedFrom[action]);
      return { id: action, title: bulkActionWords[action].label, ...lifecycleIcons[action]!, applies, enabled: online && applies > 0 };
    };
    const settled = list.length - count(['Starting', 'Stopping']);
    const off = count(['PoweredOff', 'Saved']);
    return [
      lifecycle('start'),
      lifecycle('stop'),
      lifecycle('powerOff'),
      lifecycle('pause'),
      lifecycle('resume'),
      { id: 'snapshot', title: 'Take snapshot…', icon: 'mdi-camera-plus', applies: settled, enabled: online && settled > 0, divider: true },
      { id: 'move', title: 'Move to group…', icon: 'mdi-folder-move', applies: list.length, enabled: online },
      { id: 'tags', title: 'Tags…', icon: 'mdi-tag-multiple', applies: list.length, enabled: online },
      { id: 'export', title: 'Export…', icon: 'mdi-export', applies: list.length, enabled: online },
      { id: 'delete', title: 'Delete…', icon: 'mdi-delete', color: 'error', applies: off, enabled: online && off > 0, divider: true },
    ];
  });

  function perform(id: BulkEntry['id']): void {
    const list = machines();
    const ids = list.map((m) => m.id);
    if (ids.length === 0) return;
    if (id === 'move' || id === 'tags' || id === 'snapshot') dialogs.show({ kind: id, ids });
    else if (id === 'delete' || id === 'powerOff') dialogs.show({ kind: 'confirm', action: id, ids: list.filter((m) => (id === 'delete' ? isPoweredDown(m.state) : actionAllowedFrom.powerOff.includes(m.state))).map((m) => m.id) });
    else if (id === 'export') {
      useSelectionStore().setMany(ids);
      useApplianceDialogsStore().openExport();
    } else void bulk.run(id, list.filter((m) => actionAllowedFrom[id].includes(m.state)).map((m) => m.id));
  }

  return { entries, perform };
}
