// End-to-end-ish test of the assembled window against the fake API: layout landmarks, delete flow, crash notice.
import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import App from './App.vue';
import { startSession } from './stores/startSession.ts';
import { makeMachine } from './test/fakeApi.ts';
import { mountWithApp, setupStores } from './test/mountWithApp.ts';
import { buttonByName } from './test/dom.ts';

async function mountApp() {
  const backend = setupStores([makeMachine({ name: 'web-01', osType: 'ubuntu64' }), makeMachine({ name: 'db-01', state: 'Running' })]);
  const stop = startSession();
  const wrapper = mountWithApp(App);
  await flushPromises();
  return { backend, wrapper, stop };
}

const dialogs = () => [...document.querySelectorAll('[role="dialog"]')];
/** A machine's row in the tree, found by the name it shows. */
const machineRow = (name: string) => [...document.querySelectorAll<HTMLElement>('[role="treeitem"]')].find((item) => item.querySelector('.machine-row__name')?.textContent === name);

/** Waits for a state the window reaches after loading a part (views and dialogs load as their own chunks). */
const eventually = <T>(check: () => T): Promise<T> => vi.waitFor(check, { timeout: 10_000 });

/** The details pane once it shows `name`: it follows the selection a frame after the list (useAfterPaint). */
async function detailsShowing(name: string): Promise<Element> {
  return vi.waitFor(
    () => {
      const details = document.querySelector('[role="region"][aria-label="Machine details"]');
      expect(details?.querySelector('h2')?.textContent).toBe(name);
      return details!;
    },
    { timeout: 10_000 },
  );
}

describe('App', () => {
  it('shows the product, the machine list, the selected machine and the status bar', async () => {
    const { stop } = await mountApp();
    expect(document.body.textContent).toContain('Virtlab');
    expect(document.querySelectorAll('[role="tree"][aria-label="Machines"] [role="treeitem"]')).toHaveLength(2);
    const details = await detailsShowing('db-01');
    expect(details?.textContent).toContain('Running');
    expect(details?.querySelector('canvas[aria-label="CPU and memory chart"]')).not.toBeNull();
    expect(document.querySelector('[role="status"][aria-label="Status bar"]')?.textContent).toContain('2 machines · 1 running');
    expect(dialogs()).toHaveLength(0);
    stop();
  });

  it('shows details of a powered-off machine without a chart', async () => {
    const { stop } = await mountApp();
    machineRow('web-01')?.click();
    const details = await detailsShowing('web-01');
    expect(details?.textContent).toContain('Powered Off');
    expect(details?.textContent).toContain('Ubuntu (64-bit)');
    expect(details?.textContent).toContain('Atlas');
    expect(details?.textContent).toContain('1024 MiB');
    expect(details?.textContent).toContain('20 GiB');
    expect(details?.textContent).toMatch(/08:00:27:/);
    expect(details?.querySelector('canvas')).toBeNull();
    stop();
  });

  it('asks before deleting and deletes on confirmation', async () => {
    const { backend, stop } = await mountApp();
    machineRow('web-01')?.click();
    await flushPromises();
    buttonByName('Delete').click();
    const dialog = await eventually(() => {
      const [shown] = dialogs();
      expect(shown?.textContent).toContain('Delete machine?');
      return shown!;
    });
    expect(dialog?.textContent).toContain('web-01');
    buttonByName('Delete', dialog).click();
    await flushPromises();
    expect(backend.callsOf('deleteMachine')).toHaveLength(1);
    expect(document.querySelectorAll('[role="treeitem"]')).toHaveLength(1);
    stop();
  });

  it('acts on several chosen machines at once: the summary, a bulk start with its results, and the notification center', async () => {
    const { backend, stop } = await mountApp();
    const web = machineRow('web-01')!;
    web.dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    await eventually(() => expect(document.querySelector('[role="region"][aria-label="Selected machines"] h2')?.textContent).toBe('2 machines selected'));
    // The toolbar's Start acts on every chosen machine it can start: web-01 (db-01 runs already).
    buttonByName('Start').click();
    await flushPromises();
    expect(backend.callsOf('runBulkOperation')).toEqual([expect.objectContaining({ action: 'start', ids: [backend.machines.find((m) => m.name === 'web-01')!.id] })]);
    const progress = await eventually(() => {
      const shown = dialogs().find((d) => d.textContent?.includes('Start: 1 machine'));
      expect(shown?.textContent).toContain('all 1 machine started');
      return shown!;
    });
    buttonByName('Close', progress).click();
    await flushPromises();
    expect(buttonByName('Notifications, 1 new')).toBeDefined();
    stop();
  });

  it('announces an engine restart with its reason', async () => {
    const { backend, stop } = await mountApp();
    backend.emit('engineStatus', {
      state: 'running',
      restarts: 1,
      simTimeMs: 5000,
      speed: 1,
      lastCrash: { atIso: '2025-01-01T00:00:00Z', reason: 'simulated crash', machinesPoweredOff: 1 },
    });
    await flushPromises();
    const alert = [...document.querySelectorAll('[role="alert"]')].find((a) => a.textContent?.includes('Engine restarted'));
    expect(alert?.textContent).toContain('simulated crash');
    expect(alert?.textContent).toContain('1 running machine was powered off');
    stop();
  });

  it('switches between the Machines and Hosts views, and back when a machine is chosen', async () => {
    const { stop } = await mountApp();
    const tab = (name: string) => document.querySelector<HTMLElement>(`[role="tab"][aria-label="${name}"]`);
    expect(tab('Machines view')?.getAttribute('aria-selected')).toBe('true');
    tab('Hosts view')?.click();
    await flushPromises();
    expect(tab('Hosts view')?.getAttribute('aria-selected')).toBe('true');
    expect(document.querySelector('[role="region"][aria-label="Machine details"]')).toBeNull();
    await eventually(() => expect(document.querySelector('[role="region"][aria-label="Hosts"]')?.querySelectorAll('article')).toHaveLength(5));
    machineRow('web-01')?.click();
    await flushPromises();
    expect(document.querySelector('[role="region"][aria-label="Hosts"]')).toBeNull();
    await detailsShowing('web-01');
    stop();
  });
});
