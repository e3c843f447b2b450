// Tests for the Network Manager: the list by kind with hosts, format checks on the fields, the engine's refusal on its field.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import NetworkManagerDialog from './NetworkManagerDialog.vue';
import { useCatalogStore } from '../stores/catalogStore.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, typeInto } from '../test/dom.ts';
import { AppError } from '../../shared/errors.ts';

let backend: FakeBackend;

async function open() {
  await useCatalogStore().load();
  mountWithApp(NetworkManagerDialog, { props: { modelValue: true } });
  await flushPromises();
}

beforeEach(() => {
  document.body.innerHTML = '';
  backend = setupStores();
});

describe('NetworkManagerDialog', () => {
  it('lists networks by kind, a NAT network with its host, and shows the first one', async () => {
    await open();
    const list = document.querySelector('[aria-label="Network list"]')!;
    expect([...list.querySelectorAll('.v-list-subheader')].map((h) => h.textContent?.trim())).toEqual(['NAT networks', 'Host-only networks', 'Internal networks', 'Bridged']);
    expect(list.textContent).toContain('Atlas · 10.0.2.0/24 · 0 addresses in use');
    expect(inputByLabel('Name').value).toBe('NatNetwork');
  });

  it('checks formats as typed and shows the engine\'s refusal under the field it names', async () => {
    await open();
    buttonByName('Add Network').click();
    await nextTick();
    typeInto(inputByLabel('Name'), 'Lab');
    typeInto(inputByLabel('Subnet (CIDR)'), '10.0.9.0');
    await nextTick();
    expect(messagesUnder('Subnet (CIDR)')).toEqual(['Enter the subnet in CIDR form, like 10.0.2.0/24']);
    expect(backend.callsOf('createNetwork')).toEqual([]);
    backend.overrides.createNetwork = () => {
      throw new AppError('CONFLICT', '10.0.0.0/16 overlaps 10.0.2.0/24 of NAT network "NatNetwork" on Atlas; choose another subnet', 'subnet');
    };
    typeInto(inputByLabel('Subnet (CIDR)'), '10.0.0.0/16');
    buttonByName('Create').click();
    await flushPromises();
    expect(messagesUnder('Subnet (CIDR)')).toEqual(['10.0.0.0/16 overlaps 10.0.2.0/24 of NAT network "NatNetwork" on Atlas; choose another subnet']);
  });

  it('creates a network and shows it', async () => {
    await open();
    buttonByName('Add Network').click();
    await nextTick();
    typeInto(inputByLabel('Name'), 'Lab');
    buttonByName('Create').click();
    await flushPromises();
    expect(backend.callsOf('createNetwork')).toEqual([expect.objectContaining({ name: 'Lab', attachment: 'nat', hostId: 'host-1', subnet: '10.0.9.0/24' })]);
    expect(document.querySelector('[aria-label="Network list"]')?.textContent).toContain('Lab');
  });
});
