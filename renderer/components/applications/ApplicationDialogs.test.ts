// The Applications view's dialogs: deploying a file (the example, a chosen file, a refusal naming field and line), rolling
// a service out to another version of its image, and the image catalogue with its layers and what sharing saves.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { AppError } from '../../../shared/errors.ts';
import DeployApplicationDialog from './DeployApplicationDialog.vue';
import ImageCatalogueDialog from './ImageCatalogueDialog.vue';
import RolloutDialog from './RolloutDialog.vue';
import { fakeApplication, fakeService } from '../../test/fakeApplications.ts';
import type { FakeBackend } from '../../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../../test/mountWithApp.ts';
import { useCatalogStore } from '../../stores/catalogStore.ts';
import { buttonByName } from '../../test/dom.ts';

/** Waits for a state, however long a busy machine takes (only a hang stops it). */
const stateWait = { timeout: 5 * 60_000, interval: 20 } as const;
let backend: FakeBackend;

const dialog = (): HTMLElement => {
  const found = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!found) throw new Error('No dialog is open');
  return found;
};

function textareaByLabel(label: string): HTMLTextAreaElement {
  const labelEl = [...document.querySelectorAll('label[for]')].find((l) => l.textContent?.trim() === label);
  const field = labelEl ? document.getElementById(labelEl.getAttribute('for')!) : null;
  if (!(field instanceof HTMLTextAreaElement)) throw new Error(`No text area labelled "${label}"`);
  return field;
}

/** Mounts a dialog closed and opens it, as its button in the view does (opening is what loads and fills it). */
async function open<C extends Parameters<typeof mountWithApp>[0]>(component: C, props: Record<string, unknown> = {}) {
  const wrapper = mountWithApp(component, { props: { modelValue: false, ...props } } as never);
  await wrapper.setProps({ modelValue: true } as never);
  await flushPromises();
  return wrapper;
}

beforeEach(() => {
  document.body.innerHTML = '';
  backend = setupStores();
});

describe('Deploy application dialog', () => {
  it('opens with the example shop file and deploys it under its file name', async () => {
    const wrapper = await open(DeployApplicationDialog);
    expect(dialog().textContent).toContain('shop.yaml');
    expect(textareaByLabel('Application file').value).toMatch(/^name: shop$/m);
    backend.overrides.deployApplication = () => fakeApplication();
    buttonByName('Deploy', dialog()).click();
    await vi.waitFor(() => expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]), stateWait);
    const [call] = backend.callsOf('deployApplication') as { source: string; fileName: string }[];
    expect(call!.fileName).toBe('shop.yaml');
    expect(call!.source).toBe(textareaByLabel('Application file').value);
  });

  it('deploys a chosen file by its name', async () => {
    await open(DeployApplicationDialog);
    const input = document.querySelector<HTMLInputElement>('input[type="file"][aria-label="Application file to deploy"]')!;
    const text = 'name: blog\nservices:\n  web:\n    image: nginx:1.27\n';
    Object.defineProperty(input, 'files', { value: [new File([text], 'blog.yaml', { type: 'application/yaml' })] });
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(textareaByLabel('Application file').value).toBe(text), stateWait);
    expect(dialog().textContent).toContain('blog.yaml');
    backend.overrides.deployApplication = () => fakeApplication({ name: 'blog' });
    buttonByName('Deploy', dialog()).click();
    await vi.waitFor(() => expect(backend.callsOf('deployApplication')).toEqual([{ source: text, fileName: 'blog.yaml' }]), stateWait);
  });

  it('shows a refusal with its field and line, keeps the text, and clears the message on editing', async () => {
    const wrapper = await open(DeployApplicationDialog);
    backend.overrides.deployApplication = () => {
      throw new AppError('VALIDATION', 'services.api.replicas: must be a number of replicas (line 12)', 'services.api.replicas');
    };
    const typed = textareaByLabel('Application file').value;
    buttonByName('Deploy', dialog()).click();
    await vi.waitFor(() => expect(dialog().querySelector('.v-alert')?.textContent).toContain('services.api.replicas: must be a number of replicas (line 12)'), stateWait);
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    expect(textareaByLabel('Application file').value).toBe(typed);
    const area = textareaByLabel('Application file');
    area.value = `${typed}\n`;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await flushPromises();
    expect(dialog().querySelector('.v-alert')).toBeNull();
  });

  it('refuses an empty file without asking the backend', async () => {
    await open(DeployApplicationDialog);
    const area = textareaByLabel('Application file');
    area.value = '   ';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await flushPromises();
    expect(buttonByName('Deploy', dialog()).disabled).toBe(true);
    expect(backend.callsOf('deployApplication')).toEqual([]);
  });
});

describe('Roll out dialog', () => {
  it('proposes the same image\'s other version, warns with its notes and rolls out to it', async () => {
    const app = fakeApplication();
    const wrapper = await open(RolloutDialog, { app, service: fakeService() });
    expect(dialog().textContent).toContain('Now nginx:1.27 (revision 1), 2 replicas');
    await vi.waitFor(() => expect(dialog().querySelector('.v-select__selection-text')?.textContent).toBe('nginx:1.25'), stateWait);
    expect(dialog().querySelector('.v-alert')?.textContent).toContain('An older version: rolling out to it is a downgrade');
    expect(dialog().textContent).toContain('at most 1 above 2 replicas at once (max surge)');
    backend.overrides.rolloutService = () => fakeApplication({ services: [fakeService({ image: 'nginx:1.25', revision: 2 })] });
    buttonByName('Roll out', dialog()).click();
    await vi.waitFor(() => expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]), stateWait);
    expect(backend.callsOf('rolloutService')).toEqual([{ id: 'app-1', service: 'web', image: 'nginx:1.25' }]);
  });

  it('stays open when the rollout is refused', async () => {
    const wrapper = await open(RolloutDialog, { app: fakeApplication(), service: fakeService() });
    await vi.waitFor(() => expect(dialog().querySelector('.v-select__selection-text')?.textContent).toBe('nginx:1.25'), stateWait);
    backend.overrides.rolloutService = () => {
      throw new AppError('CONFLICT', 'web is already rolling out to nginx:1.25', 'service');
    };
    buttonByName('Roll out', dialog()).click();
    await vi.waitFor(() => expect(backend.callsOf('rolloutService')).toHaveLength(1), stateWait);
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    expect(dialog().textContent).toContain('Roll out web');
  });
});

describe('Image catalogue dialog', () => {
  it('lists each image with size, layers and where it is pulled, and what layer sharing saves per host', async () => {
    // The app loads the hosts at start; the catalogue names them.
    await useCatalogStore().load();
    await open(ImageCatalogueDialog);
    const sharing = dialog().querySelector('table[aria-label="Layer sharing per host"], [aria-label="Layer sharing per host"] table');
    const row = [...(sharing?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));
    // Two containers of nginx on Workstation: 189.1 MiB of layers once, 2 MiB written, 380.2 MiB as full copies.
    expect(row[0]?.slice(0, 2)).toEqual(['Workstation', '2']);
    expect(row[0]?.[5]).toMatch(/^189(\.1)? MiB$/);
    expect(dialog().textContent).toContain('nginx:1.25');
    expect(dialog().textContent).toMatch(/nginx:1\.27\s*189(\.1)? MiB · 1 layer\s*on Workstation · 1 in use/);
    expect(dialog().textContent).toMatch(/nginx:1\.25\s*187(\.4)? MiB · 2 layers\s*not pulled/);
  });
});
