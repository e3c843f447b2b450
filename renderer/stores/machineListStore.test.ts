// Tests for the machine list store: a search that matches every machine shows the whole list's rows, built once.
import { beforeEach, describe, expect, it } from 'vitest';
import { useMachineListStore } from './machineListStore.ts';
import { useMachinesStore } from './machinesStore.ts';
import { useCatalogStore } from './catalogStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';
import type { ListRow } from '../machines/listRows.ts';

const shown = (rows: readonly ListRow[]): string[] => rows.map((row) => (row.type === 'group' ? `${row.path}${row.expanded ? '' : ' (collapsed)'}` : row.machine.name));

beforeEach(async () => {
  setupStores([makeMachine({ name: 'alpha', group: 'lab' }), makeMachine({ name: 'bravo', group: 'lab' }), makeMachine({ name: 'charlie' })]);
  await useCatalogStore().load();
  await useMachinesStore().load();
});

describe('machine list store', () => {
  it('keeps the same rows while the search matches every machine, and gets them back when it is cleared', () => {
    const list = useMachineListStore();
    const all = list.rows;
    expect(shown(all)).toEqual(['lab', 'alpha', 'bravo', 'charlie']);
    list.search = 'a';
    expect(list.narrowed).toBe(true);
    expect(list.rows).toBe(all);
    list.search = 'al';
    expect(shown(list.rows)).toEqual(['lab', 'alpha']);
    expect(list.visible.map((m) => m.name)).toEqual(['alpha']);
    list.search = '';
    expect(list.rows).toBe(all);
    expect(list.visible).toHaveLength(3);
  });

  it('opens collapsed groups for a search even when it matches every machine', () => {
    const list = useMachineListStore();
    list.setCollapsed('lab', true);
    expect(shown(list.rows)).toEqual(['lab (collapsed)', 'charlie']);
    list.search = 'a';
    expect(shown(list.rows)).toEqual(['lab', 'alpha', 'bravo', 'charlie']);
    list.search = '';
    expect(shown(list.rows)).toEqual(['lab (collapsed)', 'charlie']);
  });

  it('sorts the whole list by the chosen key when every machine matches', () => {
    const list = useMachineListStore();
    list.search = 'a';
    list.sort = 'created';
    const newestFirst = [...useMachinesStore().list].sort((a, b) => b.createdAtMs - a.createdAtMs).map((m) => m.name);
    expect(list.visible.map((m) => m.name)).toEqual(newestFirst);
  });
});
