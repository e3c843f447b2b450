// Tests for the clone-family card: "Loading…" only until this machine's answer arrives, a failure said (never "no family"), bursts coalesced.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import FamilyTree from './FamilyTree.vue';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName } from '../test/dom.ts';
import { AppError } from '../../shared/errors.ts';

const web = makeMachine({ name: 'web-01' });
const db = makeMachine({ name: 'db-01' });

describe('FamilyTree', () => {
  it('says why the family could not be loaded, and Retry asks again', async () => {
    const backend = setupStores([web]);
    backend.overrides.getMachineFamily = () => {
      throw new AppError('TIMEOUT', 'The Virtlab backend did not answer "getMachineFamily" within 30 s.');
    };
    const wrapper = mountWithApp(FamilyTree, { props: { machine: web, configVersion: 1 } });
    await flushPromises();
    expect(wrapper.text()).toContain('Could not load the clone family: The Virtlab backend did not answer');
    expect(wrapper.text()).not.toContain('Not cloned');
    delete backend.overrides.getMachineFamily;
    buttonByName('Retry', wrapper.element).click();
    await flushPromises();
    expect(wrapper.text()).toContain('Not cloned from another machine, and no clones made from it.');
    wrapper.unmount();
  });

  it('shows "Loading…" for a newly shown machine until its own answer arrives, and asks once more after a burst', async () => {
    const backend = setupStores([web, db]);
    const answers: Array<() => void> = [];
    backend.overrides.getMachineFamily = (input) =>
      new Promise((resolve) => answers.push(() => resolve({ machineId: (input as { id: string }).id, family: null })));
    const wrapper = mountWithApp(FamilyTree, { props: { machine: web, configVersion: 1 } });
    await flushPromises();
    expect(wrapper.text()).toContain('Loading…');
    // Three changes while the first request runs become one more request, not three.
    for (const version of [2, 3, 4]) await wrapper.setProps({ configVersion: version });
    expect(backend.callsOf('getMachineFamily')).toHaveLength(1);
    answers.shift()!();
    await flushPromises();
    expect(wrapper.text()).toContain('Not cloned');
    expect(backend.callsOf('getMachineFamily')).toHaveLength(2);
    answers.shift()!();
    await flushPromises();

    await wrapper.setProps({ machine: db });
    expect(wrapper.text()).toContain('Loading…');
    answers.shift()!();
    await flushPromises();
    expect(wrapper.text()).toContain('Not cloned');
    wrapper.unmount();
  });
});
