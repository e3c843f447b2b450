// Tests for the status bar text: machine counts, connection and engine state, unsaved changes, simulated clock.
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import StatusBar from './StatusBar.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useEngineStore } from '../stores/engineStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { useLibraryStore } from '../stores/libraryStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';

describe('StatusBar', () => {
  it('shows counts, connection, engine state and the simulated clock', async () => {
    setupStores([makeMachine({ state: 'Running' }), makeMachine(), makeMachine({ state: 'Running' })]);
    await useMachinesStore().load();
    useConnectionStore().attach();
    useEngineStore().apply({ state: 'running', restarts: 0, simTimeMs: 3_723_000, speed: 1 }, Date.now());
    mountWithApp(StatusBar);
    await nextTick();
    const bar = document.querySelector('[role="status"][aria-label="Status bar"]');
    expect(bar?.textContent).toContain('3 machines · 2 running');
    expect(bar?.textContent).toContain('Connected');
    expect(bar?.textContent).toContain('Engine running');
    expect(bar?.textContent).toContain('Simulated time 01:02:03');
    expect(document.querySelector('[data-testid="unsaved-changes"]')).toBeNull();
  });

  it('shows how many changes wait while saving fails, until they are saved', async () => {
    setupStores([makeMachine()]);
    const library = useLibraryStore();
    library.apply({ dir: '/lib', loadedMachines: 1, problems: [], notes: [], saveError: 'ENOSPC: no space left on device', unsavedChanges: 2 });
    mountWithApp(StatusBar);
    await nextTick();
    expect(document.querySelector('[data-testid="unsaved-changes"]')?.textContent).toContain('2 unsaved changes, retrying');
    library.apply({ dir: '/lib', loadedMachines: 1, problems: [], notes: [] });
    await nextTick();
    expect(document.querySelector('[data-testid="unsaved-changes"]')).toBeNull();
  });
});
