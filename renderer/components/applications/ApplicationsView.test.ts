// The Applications view: services with ready counts and traffic, replicas laid out per host, replicas no host can take
// with the reason, and the buttons that scale a service and fail a host.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import ApplicationsView from './ApplicationsView.vue';
import { fakeApplication } from '../../test/fakeApplications.ts';
import { mountWithApp, setupStores } from '../../test/mountWithApp.ts';
import { buttonByName } from '../../test/dom.ts';

async function show(apps = [fakeApplication()]) {
  const backend = setupStores();
  backend.applications = apps;
  const wrapper = mountWithApp(ApplicationsView);
  await flushPromises();
  return { backend, wrapper };
}

describe('ApplicationsView', () => {
  it('says how to begin when nothing is deployed, naming the container hosts', async () => {
    const { wrapper } = await show([]);
    expect(wrapper.text()).toContain('No application is deployed');
    expect(wrapper.text()).toContain('(Workstation, Node 1, Node 2)');
  });

  it('shows each service with its ready replicas, traffic and virtual address', async () => {
    const { wrapper } = await show();
    const web = wrapper.find('[role="region"][aria-label="Service web"]');
    expect(web.find('[aria-label="1 of 2 replicas ready"]').text()).toContain('1 / 2');
    expect(web.text()).toContain('50 req/s');
    expect(web.text()).toContain('10.96.0.10:80');
    expect(web.text()).toContain('host port 8080 → 80');
    expect(web.text()).toContain('requests 0.25 CPU, 64 MiB · limits 128 MiB');
  });

  it('lays replicas out per host, and lists those no host can take with the reason', async () => {
    const { wrapper } = await show();
    const workstation = wrapper.find('article[aria-label="Host Workstation"]');
    expect(workstation.findAll('li[aria-label]').map((li) => li.attributes('aria-label'))).toEqual(['shop-web-1, Ready, revision 1']);
    const pending = wrapper.find('article[aria-label="Not placed"]');
    expect(pending.text()).toContain('shop-web-2');
    expect(pending.text()).toContain('0/3 hosts have host port 8080 free (taken by shop-web-1 on Workstation)');
  });

  it('scales a service by one and fails a host from their buttons', async () => {
    const { backend } = await show();
    backend.overrides.scaleService = () => fakeApplication();
    buttonByName('One replica of web more').click();
    await flushPromises();
    expect(backend.callsOf('scaleService')).toEqual([{ id: 'app-1', service: 'web', replicas: 3 }]);
    buttonByName('Fail host Node 1').click();
    await flushPromises();
    expect(backend.callsOf('failContainerHost')).toEqual([{ hostId: 'host-6' }]);
    expect(document.querySelector('article[aria-label="Host Node 1"]')?.textContent).toContain('Down');
  });
});
