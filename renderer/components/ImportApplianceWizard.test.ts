// Tests for the Import Appliance wizard with the fake backend: upload progress and cancel, preview, edits, commit, and refusals.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import ImportApplianceWizard from './ImportApplianceWizard.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useApplianceDialogsStore } from '../stores/applianceDialogsStore.ts';
import { useNotificationsStore } from '../stores/notificationsStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { encodeFakeAppliance } from '../test/fakeAppliances.ts';
import { importChunkBytes } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, typeInto } from '../test/dom.ts';

let backend: FakeBackend;
const existing = makeMachine({ name: 'web-01' });

function applianceFile(name = 'web-01.ova'): File {
  const document = {
    fakeAppliance: 1 as const,
    format: 'ova' as const,
    machines: [{ name: 'web-01', osType: 'ubuntu64', vcpus: 3, memoryMiB: 3072, diskGiB: 40, workload: 'database', hostId: 'host-1', platformId: 'esx-atlas' }],
  };
  return new File([encodeFakeAppliance(document)], name);
}

beforeEach(() => {
  backend = setupStores([structuredClone(existing)]);
});

async function openWizard() {
  await useMachinesStore().load();
  const wrapper = mountWithApp(ImportApplianceWizard, { props: { modelValue: true } });
  await flushPromises();
  return wrapper;
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]')!;
/** The refusal shown in the button row, beside Import. */
const refusalNextToImport = (): string | null => dialog().querySelector('.v-card-actions [role="alert"]')?.textContent?.trim() ?? null;

async function chooseFile(file: File, ...companions: File[]): Promise<void> {
  const input = dialog().querySelector<HTMLInputElement>('input[type="file"][aria-label="Appliance file"]')!;
  expect(input.accept).toBe('.ova,.ovf,.mf');
  Object.defineProperty(input, 'files', { value: [file, ...companions], configurable: true });
  input.dispatchEvent(new Event('change'));
  await flushPromises();
}

describe('ImportApplianceWizard', () => {
  it('uploads and checks a chosen file, then shows its values with the suggested name and the manifest status', async () => {
    await openWizard();
    await chooseFile(applianceFile());
    expect(backend.callsOf('readImport')).toEqual([{ uploadId: expect.any(String), operationId: expect.any(String) }]);
    expect(inputByLabel('Name').value).toBe('web-01_1');
    expect(inputByLabel('vCPUs').value).toBe('3');
    expect(inputByLabel('Memory (MiB)').value).toBe('3072');
    expect(inputByLabel('Disk size (GiB)').value).toBe('40');
    expect(dialog().textContent).toContain('Ubuntu (64-bit)');
    expect(dialog().textContent).toContain('Database');
    expect(dialog().textContent).toContain('Generate new MAC addresses for all network adapters');
    expect(dialog().querySelector('[role="note"][aria-label="Manifest"]')?.textContent).toContain('Manifest verified');
    expect(buttonByName('Import', dialog()).disabled).toBe(false);
  });

  it('imports the edited values, lists the new machine and selects it', async () => {
    const wrapper = await openWizard();
    await chooseFile(applianceFile());
    typeInto(inputByLabel('Name'), 'web-copy');
    typeInto(inputByLabel('vCPUs'), '4');
    await nextTick();
    buttonByName('Import', dialog()).click();
    await flushPromises();
    const [commit] = backend.callsOf('commitImport') as { systems: unknown[] }[];
    expect(commit?.systems).toEqual([expect.objectContaining({ name: 'web-copy', vcpus: 4, memoryMiB: 3072, diskGiB: 40, osType: 'ubuntu64', workload: 'database', macPolicy: 'new', include: true })]);
    const machines = useMachinesStore();
    expect(machines.selected?.name).toBe('web-copy');
    expect(machines.selected?.vcpus).toBe(4);
    expect(machines.total).toBe(2);
    expect(useNotificationsStore().current?.text).toBe('Imported 1 machine: "web-copy"');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('checks fields as they are edited and blocks the import while one is wrong', async () => {
    await openWizard();
    await chooseFile(applianceFile());
    typeInto(inputByLabel('Name'), 'WEB-01');
    typeInto(inputByLabel('Memory (MiB)'), '2');
    await nextTick();
    expect(messagesUnder('Name')).toEqual(['A machine named "WEB-01" already exists']);
    expect(messagesUnder('Memory (MiB)')).toEqual(['Memory must be at least 4 MiB']);
    expect(buttonByName('Import', dialog()).disabled).toBe(true);
  });

  it('shows a field error from the backend next to the field and creates nothing', async () => {
    backend.overrides.commitImport = () => {
      throw new AppError('INSUFFICIENT_RESOURCES', 'Atlas has 40 GiB free; the disk needs 41 GiB', 'systems.0.diskGiB');
    };
    const wrapper = await openWizard();
    await chooseFile(applianceFile());
    buttonByName('Import', dialog()).click();
    await flushPromises();
    expect(messagesUnder('Disk size (GiB)')).toEqual(['Atlas has 40 GiB free; the disk needs 41 GiB']);
    expect(refusalNextToImport()).toBe('Atlas has 40 GiB free; the disk needs 41 GiB');
    expect(buttonByName('Import', dialog()).disabled).toBe(true);
    expect(useMachinesStore().total).toBe(1);
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    typeInto(inputByLabel('Disk size (GiB)'), '30');
    await nextTick();
    expect(messagesUnder('Disk size (GiB)')).toEqual([]);
    expect(refusalNextToImport()).toBeNull();
    expect(buttonByName('Import', dialog()).disabled).toBe(false);
  });

  it('a refused system is named next to Import, scrolled into view and marked; unticking it re-enables Import', async () => {
    const scrolled: Element[] = [];
    const scrollIntoView = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      backend.overrides.commitImport = () => {
        throw new AppError('INSUFFICIENT_RESOURCES', '"db-big": needs 600000 MiB of memory, the host has 65536 MiB', 'systems.1.memoryMiB');
      };
      await openWizard();
      const machines = [
        { name: 'app', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8, workload: 'web', hostId: 'host-1', platformId: 'esx-atlas' },
        { name: 'db-big', osType: 'debian64', vcpus: 2, memoryMiB: 600000, diskGiB: 8, workload: 'database', hostId: 'host-1', platformId: 'esx-atlas' },
      ];
      await chooseFile(new File([encodeFakeAppliance({ fakeAppliance: 1, format: 'ova', machines })], 'pair.ova'));
      buttonByName('Import', dialog()).click();
      await flushPromises();
      const [, big] = [...dialog().querySelectorAll<HTMLElement>('section.import-system')];
      expect(refusalNextToImport()).toBe('"db-big": needs 600000 MiB of memory, the host has 65536 MiB');
      expect(scrolled).toEqual([big]);
      expect(big?.classList).toContain('import-system--refused');
      expect(big?.textContent).toContain('Import refused');
      expect(buttonByName('Import', dialog()).disabled).toBe(true);
      big?.querySelector<HTMLInputElement>('input[type="checkbox"][aria-label="Import db-big"]')?.click();
      await flushPromises();
      expect(refusalNextToImport()).toBeNull();
      expect(big?.classList).not.toContain('import-system--refused');
      expect(buttonByName('Import', dialog()).disabled).toBe(false);
      delete backend.overrides.commitImport;
      buttonByName('Import', dialog()).click();
      await flushPromises();
      const commits = backend.callsOf('commitImport') as { systems: { name: string; include: boolean }[] }[];
      expect(commits.at(-1)?.systems.map((system) => [system.name, system.include])).toEqual([
        ['app', true],
        ['db-big', false],
      ]);
    } finally {
      Element.prototype.scrollIntoView = scrollIntoView;
    }
  });

  it('a refusal that names no system shows next to Import and lets the user try again', async () => {
    backend.overrides.commitImport = () => {
      throw new AppError('INTERNAL', 'The imported machines could not be saved to the library (disk full); nothing was imported');
    };
    await openWizard();
    await chooseFile(applianceFile());
    buttonByName('Import', dialog()).click();
    await flushPromises();
    expect(refusalNextToImport()).toBe('The imported machines could not be saved to the library (disk full); nothing was imported');
    expect(dialog().querySelector('.import-system--refused')).toBeNull();
    expect(buttonByName('Import', dialog()).disabled).toBe(false);
  });

  it('explains why a broken file cannot be imported, drops the upload and creates nothing', async () => {
    await openWizard();
    await chooseFile(new File(['PK\u0003\u0004 not an appliance'], 'broken.ova'));
    expect(dialog().textContent).toContain('This appliance cannot be imported');
    expect(dialog().textContent).toContain('broken.ova is not an OVF appliance: the descriptor is not valid XML');
    expect(backend.callsOf('cancelImport')).toHaveLength(1);
    expect(backend.appliances.uploads.size).toBe(0);
    expect(backend.callsOf('commitImport')).toEqual([]);
    expect(buttonByName('Choose File…', dialog())).toBeTruthy();
  });

  it('refuses a file of another type without uploading it', async () => {
    await openWizard();
    await chooseFile(new File(['hello'], 'notes.txt'));
    expect(dialog().textContent).toContain('Choose an .ova or .ovf file');
    expect(backend.callsOf('beginImport')).toEqual([]);
  });

  it('shows upload progress in bytes and cancels the upload on request', async () => {
    let release: () => void = () => undefined;
    let chunkCalls = 0;
    backend.overrides.uploadImportChunk = ((input: { uploadId: string; offset: number; data: string }) => {
      chunkCalls += 1;
      const reply = backend.appliances.handle('uploadImportChunk', input);
      return chunkCalls === 2 ? new Promise((resolve) => (release = () => resolve(reply))) : reply;
    }) as never;
    await openWizard();
    await chooseFile(new File([new Uint8Array(importChunkBytes * 4)], 'disk.ova'));
    const bar = dialog().querySelector('[role="progressbar"][aria-label="Upload progress"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('25');
    expect(dialog().textContent).toContain('Uploading 512 KiB of 2 MiB');
    buttonByName('Cancel Upload', dialog()).click();
    release();
    await flushPromises();
    expect(chunkCalls).toBe(2);
    expect(backend.callsOf('cancelImport')).toHaveLength(1);
    expect(backend.appliances.uploads.size).toBe(0);
    expect(buttonByName('Choose File…', dialog())).toBeTruthy();
  });

  it('starts with a file dropped on the window and drops the upload when closed unimported', async () => {
    await useMachinesStore().load();
    useApplianceDialogsStore().openImport(applianceFile('dropped.ova'));
    const wrapper = mountWithApp(ImportApplianceWizard, { props: { modelValue: true } });
    await flushPromises();
    expect(backend.callsOf('beginImport')).toEqual([{ fileName: 'dropped.ova', size: expect.any(Number) }]);
    expect(inputByLabel('Name').value).toBe('web-01_1');
    await wrapper.setProps({ modelValue: false });
    await flushPromises();
    expect(backend.callsOf('cancelImport')).toHaveLength(1);
    expect(useMachinesStore().total).toBe(1);
  });

  it('needs at least one system included', async () => {
    await openWizard();
    await chooseFile(applianceFile());
    const include = dialog().querySelector<HTMLInputElement>('input[type="checkbox"][aria-label="Import web-01"]');
    expect(include?.checked).toBe(true);
    include?.click();
    await nextTick();
    expect(dialog().textContent).toContain('Include at least one virtual system');
    expect(buttonByName('Import', dialog()).disabled).toBe(true);
  });

  it('sends the .mf chosen with an .ovf, so the backend checks the descriptor against it', async () => {
    await openWizard();
    const ovf = new File([encodeFakeAppliance({ fakeAppliance: 1, format: 'ovf', machines: [{ name: 'lab', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8, workload: 'web', hostId: 'host-1', platformId: 'esx-atlas' }] })], 'lab.ovf');
    await chooseFile(new File(['SHA1(other.ovf)= 00'], 'other.mf'), ovf, new File(['SHA1 (lab.ovf) = 00'], 'lab.mf'));
    expect(backend.callsOf('beginImport')).toEqual([{ fileName: 'lab.ovf', size: ovf.size, manifest: { fileName: 'lab.mf', text: 'SHA1 (lab.ovf) = 00' } }]);
    expect(dialog().textContent).toContain('lab.ovf + lab.mf');
    expect(dialog().querySelector('[role="note"][aria-label="Manifest"]')?.textContent).toContain('Manifest verified: the descriptor matches its digest');
  });

  it('shows every disk at its real size and the vApp group; a refused system cannot be chosen and the others import', async () => {
    await openWizard();
    const machines = [
      { name: 'db', osType: 'centos64', vcpus: 1, memoryMiB: 512, diskGiB: 1, disksMiB: [64, 10240], workload: 'web', hostId: 'host-1', platformId: 'esx-atlas', group: 'shop' },
      { name: 'bad', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8, workload: 'web', hostId: 'host-1', platformId: 'esx-atlas', group: 'shop', refusal: '"bad" cannot be imported: network adapter 1 has the broadcast MAC address FF:FF:FF:FF:FF:FF, which no adapter can use' },
    ];
    await chooseFile(new File([encodeFakeAppliance({ fakeAppliance: 1, format: 'ova', machines })], 'shop.ova'));
    const [db, bad] = [...dialog().querySelectorAll<HTMLElement>('section.import-system')];
    expect(db?.textContent).toContain('2 disks: 64 MiB, 10 GiB');
    expect(db?.textContent).toContain('shop');
    expect(bad?.querySelector('[role="alert"]')?.textContent).toContain('network adapter 1 has the broadcast MAC address FF:FF:FF:FF:FF:FF');
    const include = bad?.querySelector<HTMLInputElement>('input[type="checkbox"][aria-label="Import bad"]');
    expect(include?.disabled).toBe(true);
    expect(include?.checked).toBe(false);
    buttonByName('Import', dialog()).click();
    await flushPromises();
    const [commit] = backend.callsOf('commitImport') as { systems: { name: string; include: boolean }[] }[];
    expect(commit?.systems.map((system) => [system.name, system.include])).toEqual([
      ['db', true],
      ['bad', false],
    ]);
  });
});
