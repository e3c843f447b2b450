// Tests for the removal dialog: the engine's choices with what each frees, dependent clones named, refusals disabling a choice.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import RemoveMachineDialog from './RemoveMachineDialog.vue';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel } from '../test/dom.ts';
import type { RemovalPlan } from '../../shared/domain/removal.ts';

const base = makeMachine({ name: 'base-vm' });
let backend: FakeBackend;

const plan: RemovalPlan = {
  machineId: base.id,
  name: 'base-vm',
  dependents: [{ machineId: 'c1', name: 'clone-a', state: 'PoweredOff' }, { machineId: 'c2', name: 'clone-b', state: 'Running' }],
  choices: [
    { mode: 'removeOnly', freedMiB: 0, keptMiB: 20_480, alsoRemoves: [], summary: '"base-vm" is forgotten; its disk files (20 GiB) stay in the pool' },
    { mode: 'deleteAll', freedMiB: 12, keptMiB: 20_480, alsoRemoves: [], summary: '"base-vm" and its own files are deleted; the shared base (20 GiB) stays' },
    { mode: 'deleteWithClones', freedMiB: 20_600, keptMiB: 0, alsoRemoves: [], summary: '"base-vm" and its linked clones are deleted', refusal: 'Stop "clone-b" before deleting it (it is Running)' },
  ],
};

const dialog = () => document.querySelector('[role="dialog"]')!;

async function open() {
  backend.overrides.planRemoval = () => plan;
  const wrapper = mountWithApp(RemoveMachineDialog, { props: { machine: base } });
  await flushPromises();
  return wrapper;
}

beforeEach(() => {
  document.body.innerHTML = '';
  backend = setupStores([structuredClone(base)]);
});

describe('RemoveMachineDialog', () => {
  it('names the linked clones and says what each choice frees', async () => {
    await open();
    expect(dialog().textContent).toContain('Linked clones read its disk: “clone-a”, “clone-b”.');
    const figures = [...dialog().querySelectorAll('[data-mode]')].map((el) => [el.getAttribute('data-mode'), el.textContent]);
    expect(figures).toEqual([
      ['deleteAll', 'Frees 12 MiB; 20 GiB stays in the pool'],
      ['removeOnly', 'Frees no space; 20 GiB stays in the pool'],
      ['deleteWithClones', 'Frees 20.1 GiB'],
    ]);
    expect(inputByLabel('Delete it and its linked clones').disabled).toBe(true);
    expect(dialog().textContent).toContain('Stop "clone-b" before deleting it (it is Running)');
  });

  it('confirms the chosen mode with its freed figure; Remove only keeps the files', async () => {
    const wrapper = await open();
    inputByLabel('Remove only (keep the disk files)').click();
    await nextTick();
    expect(dialog().textContent).toContain('its disk files stay until you remove them in the Media Manager');
    buttonByName('Remove', dialog()).click();
    expect(wrapper.emitted('confirm')).toEqual([[expect.objectContaining({ id: base.id }), 'removeOnly', 0]]);
  });

  it('shows why the machine cannot be removed at all and keeps Delete disabled', async () => {
    backend.overrides.planRemoval = () => ({ ...plan, refusal: 'Stop "base-vm" before deleting it (it is Running)' });
    mountWithApp(RemoveMachineDialog, { props: { machine: base } });
    await flushPromises();
    expect(dialog().textContent).toContain('Stop "base-vm" before deleting it (it is Running)');
    expect(buttonByName('Delete', dialog()).disabled).toBe(true);
  });
});
