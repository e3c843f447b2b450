// Tests for window drag-and-drop: the "Drop to import" overlay, handing an appliance to the Import wizard, and refusing other files.
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import FileDropOverlay from './FileDropOverlay.vue';
import { useApplianceDialogsStore } from '../stores/applianceDialogsStore.ts';
import { useNotificationsStore } from '../stores/notificationsStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';

function dragEvent(type: string, files: File[] = [], types = ['Files']): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types, files, dropEffect: 'none' } });
  return event;
}

const overlay = () => document.querySelector('[role="status"][aria-label="Drop to import"]');

beforeEach(() => {
  setupStores();
  useConnectionStore().attach();
});

describe('FileDropOverlay', () => {
  it('shows "Drop to import" while files are dragged over the window and hides when they leave', async () => {
    mountWithApp(FileDropOverlay);
    const enter = dragEvent('dragenter');
    window.dispatchEvent(enter);
    window.dispatchEvent(dragEvent('dragenter'));
    await nextTick();
    expect(enter.defaultPrevented).toBe(true);
    expect(overlay()?.textContent).toContain('Drop to import');
    window.dispatchEvent(dragEvent('dragleave'));
    await nextTick();
    expect(overlay()).not.toBeNull();
    window.dispatchEvent(dragEvent('dragleave'));
    await nextTick();
    expect(overlay()).toBeNull();
  });

  it('ignores dragged text', async () => {
    mountWithApp(FileDropOverlay);
    const enter = dragEvent('dragenter', [], ['text/plain']);
    window.dispatchEvent(enter);
    await nextTick();
    expect(enter.defaultPrevented).toBe(false);
    expect(overlay()).toBeNull();
  });

  it('hands an .ovf dropped with its .mf to the wizard together', async () => {
    mountWithApp(FileDropOverlay);
    const ovf = new File(['x'], 'lab.ovf');
    const mf = new File(['SHA1(lab.ovf)= 00'], 'lab.mf');
    window.dispatchEvent(dragEvent('dragenter', [mf, ovf]));
    window.dispatchEvent(dragEvent('drop', [mf, ovf]));
    await nextTick();
    const dialogs = useApplianceDialogsStore();
    expect(dialogs.pendingFile?.name).toBe('lab.ovf');
    expect(dialogs.pendingManifest?.name).toBe('lab.mf');
    expect(useNotificationsStore().current).toBeNull();
  });

  it('opens the Import wizard with a dropped .ova', async () => {
    mountWithApp(FileDropOverlay);
    const file = new File(['x'], 'web-01.OVA');
    window.dispatchEvent(dragEvent('dragenter', [file]));
    const drop = dragEvent('drop', [file]);
    window.dispatchEvent(drop);
    await nextTick();
    const dialogs = useApplianceDialogsStore();
    expect(drop.defaultPrevented).toBe(true);
    expect(dialogs.importOpen).toBe(true);
    expect(dialogs.pendingFile?.name).toBe('web-01.OVA');
    expect(overlay()).toBeNull();
  });

  it('explains that other files cannot be imported', async () => {
    mountWithApp(FileDropOverlay);
    window.dispatchEvent(dragEvent('drop', [new File(['x'], 'holiday.png')]));
    await nextTick();
    expect(useApplianceDialogsStore().importOpen).toBe(false);
    expect(useNotificationsStore().current).toMatchObject({ tone: 'error', text: '"holiday.png" is not an appliance: drop an .ova or .ovf file to import it' });
  });

  it('does not stack the Import wizard on another open dialog', async () => {
    mountWithApp(FileDropOverlay, { props: { blocked: true } });
    window.dispatchEvent(dragEvent('drop', [new File(['x'], 'web-01.ovf')]));
    await nextTick();
    expect(useApplianceDialogsStore().importOpen).toBe(false);
    expect(useNotificationsStore().current?.text).toBe('Close the open dialog first, then drop the file again');
  });
});
