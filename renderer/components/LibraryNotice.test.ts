// Tests for the library report: the problems banner and its details, a failed save, and the Library dialog's folder.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import LibraryNotice from './LibraryNotice.vue';
import LibraryDialog from './LibraryDialog.vue';
import { useLibraryStore } from '../stores/libraryStore.ts';
import { useApplianceDialogsStore } from '../stores/applianceDialogsStore.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import type { LibraryStatus } from '../../shared/domain/library.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName } from '../test/dom.ts';

let backend: FakeBackend;
const damaged: LibraryStatus = {
  dir: '/home/ada/.config/Virtlab/library',
  loadedMachines: 12,
  problems: [
    {
      file: 'machines/4f0c.json',
      reason: 'not valid JSON (Unexpected end of JSON input)',
      message: 'machines/4f0c.json: not valid JSON (Unexpected end of JSON input); moved to quarantine/4f0c.json',
      action: 'quarantined',
      movedTo: 'quarantine/4f0c.json',
      recoveredFromBackup: false,
    },
    {
      file: 'machines/77aa.json',
      reason: 'written by a newer Virtlab (schema 9)',
      message: 'machines/77aa.json: written by a newer Virtlab (schema 9)',
      action: 'leftInPlace',
      recoveredFromBackup: false,
    },
  ],
  notes: ['Recovered 1 interrupted save'],
};

// The notice and the dialog together, as App.vue places them.
const Harness = defineComponent(() => {
  const dialogs = useApplianceDialogsStore();
  return () => [h(LibraryNotice), h(LibraryDialog, { modelValue: dialogs.libraryOpen, 'onUpdate:modelValue': (v: boolean) => (dialogs.libraryOpen = v) })];
});

async function mountNotice() {
  const library = useLibraryStore();
  library.attach();
  await library.load();
  mountWithApp(Harness);
  await flushPromises();
}

const alerts = () => [...document.querySelectorAll('.v-alert')].map((a) => a.textContent?.replace(/\s+/g, ' ').trim());

beforeEach(() => {
  backend = setupStores();
});

describe('LibraryNotice', () => {
  it('shows nothing when every file loaded', async () => {
    await mountNotice();
    expect(alerts()).toEqual([]);
  });

  it('reports files that could not be loaded and lists them with the reason and where they went', async () => {
    backend.appliances.status = damaged;
    await mountNotice();
    expect(alerts()[0]).toContain('2 files in the library could not be loaded');
    buttonByName('Details').click();
    await flushPromises();
    const dialog = document.querySelector('[role="dialog"]');
    expect(dialog?.textContent).toContain('/home/ada/.config/Virtlab/library');
    expect(dialog?.textContent).toContain('12 machines');
    const rows = [...(dialog?.querySelectorAll('table[aria-label="Files that could not be loaded"] tbody tr') ?? [])].map((r) =>
      [...r.querySelectorAll('td')].map((c) => c.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['4f0c.json', 'not valid JSON (Unexpected end of JSON input)', 'Moved to quarantine/4f0c.json'],
      ['77aa.json', 'written by a newer Virtlab (schema 9)', 'Left in place (written by a newer Virtlab)'],
    ]);
    expect(dialog?.textContent).toContain('Recovered 1 interrupted save');
  });

  it('can be dismissed, and comes back when a new problem appears', async () => {
    backend.appliances.status = { ...damaged, problems: damaged.problems.slice(0, 1) };
    await mountNotice();
    expect(alerts()[0]).toContain('1 file in the library could not be loaded');
    buttonByName('Dismiss library problems').click();
    await flushPromises();
    expect(alerts()).toEqual([]);
    backend.appliances.setStatus(damaged);
    await flushPromises();
    expect(alerts()[0]).toContain('2 files in the library could not be loaded');
  });

  it('keeps a failed save on screen until a later save succeeds', async () => {
    await mountNotice();
    backend.appliances.setStatus({ ...damaged, problems: [], saveError: 'ENOSPC: no space left on device', unsavedChanges: 3 });
    await flushPromises();
    expect(alerts()).toEqual([expect.stringContaining('Changes are not being saved')]);
    expect(alerts()[0]).toContain('ENOSPC: no space left on device');
    expect(alerts()[0]).toContain('Virtlab keeps 3 unsaved changes in memory and keeps retrying');
    expect(document.querySelector('[role="alert"] .v-alert__close')).toBeNull();
    backend.appliances.setStatus({ ...damaged, problems: [] });
    await flushPromises();
    expect(alerts()).toEqual([]);
  });
});
