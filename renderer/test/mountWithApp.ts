// Mounts a component the way the app runs it: fresh Pinia, the Virtlab Vuetify instance and a fake API.
import { mount } from '@vue/test-utils';
import type { ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, getActivePinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { createVirtlabVuetify } from '../plugins/vuetify.ts';
import { installApi } from '../api/apiInstance.ts';
import { createFakeApi } from './fakeApi.ts';
import type { FakeBackend } from './fakeApi.ts';
import type { Machine } from '../../shared/domain/machine.ts';

/** Fresh Pinia and fake backend; call before touching stores in a test. */
export function setupStores(machines: Machine[] = []): FakeBackend {
  const { backend, api } = createFakeApi(machines);
  installApi(api);
  setActivePinia(createPinia());
  return backend;
}

export function mountWithApp<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}) {
  const vuetify = createVirtlabVuetify('light');
  const pinia = getActivePinia() ?? createPinia();
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { ...options.global, plugins: [...(options.global?.plugins ?? []), pinia, vuetify] },
  } as ComponentMountingOptions<C>);
}
