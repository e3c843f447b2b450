// Tests for the Export Appliance wizard: preselection, default file name, progress from events, downloads and the summary, errors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import ExportApplianceWizard from './ExportApplianceWizard.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import type { FakeApplianceDocument } from '../test/fakeAppliances.ts';
import type { ExportRequest, ExportResult } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, typeInto } from '../test/dom.ts';

let backend: FakeBackend;
const web = makeMachine({ name: 'web-01', vcpus: 2, memoryMiB: 2048 });
const db = makeMachine({ name: 'db-01' });
const downloads: { name: string; blob: Blob }[] = [];
const blobs = new Map<string, Blob>();

beforeEach(() => {
  backend = setupStores([structuredClone(web), structuredClone(db)]);
  downloads.length = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => vi.restoreAllMocks());

async function openWizard(selectedId: string | null = web.id) {
  const machines = useMachinesStore();
  await machines.load();
  machines.select(selectedId);
  const wrapper = mountWithApp(ExportApplianceWizard, { props: { modelValue: true } });
  await flushPromises();
  return wrapper;
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]')!;
const exportButton = () => buttonByName('Export', dialog());
const checkbox = (label: string) => inputByLabel(label);

describe('ExportApplianceWizard', () => {
  it('preselects the selected machine and names the file after it, as an OVA with a manifest', async () => {
    await openWizard();
    expect(dialog().textContent).toContain('Export Appliance');
    expect(checkbox('web-01').checked).toBe(true);
    expect(checkbox('db-01').checked).toBe(false);
    expect(inputByLabel('File name').value).toBe('web-01');
    expect(inputByLabel('OVA').checked).toBe(true);
    expect(inputByLabel('Write a manifest (.mf) with SHA-1 digests').checked).toBe(true);
    expect(dialog().textContent).toContain('Saved to your downloads as web-01.ova');
    expect(exportButton().disabled).toBe(false);
  });

  it('follows the chosen machines with the default name until one is typed, and validates it', async () => {
    await openWizard();
    checkbox('db-01').click();
    await nextTick();
    expect(inputByLabel('File name').value).toBe('virtlab-appliance-2-machines');
    typeInto(inputByLabel('File name'), 'nightly/backup');
    await nextTick();
    expect(messagesUnder('File name')).toEqual(['File name may contain letters, digits, spaces, dots, dashes, underscores and parentheses']);
    expect(exportButton().disabled).toBe(true);
    typeInto(inputByLabel('File name'), 'nightly');
    checkbox('web-01').click();
    await nextTick();
    expect(inputByLabel('File name').value).toBe('nightly');
    checkbox('db-01').click();
    await nextTick();
    expect(dialog().textContent).toContain('Choose at least one machine');
    expect(exportButton().disabled).toBe(true);
  });

  it('shows the backend progress, then downloads the files and summarises them', async () => {
    let finish: (result: ExportResult) => void = () => undefined;
    let request: ExportRequest | undefined;
    backend.overrides.exportMachines = ((input: ExportRequest) => {
      request = input;
      backend.emit('operationProgress', { operationId: 'someone-else', operation: 'export', step: 'Not ours', done: 9, total: 10 });
      backend.emit('operationProgress', { operationId: input.operationId!, operation: 'export', step: 'Writing descriptor (1 of 4)', done: 1, total: 4 });
      return new Promise<ExportResult>((resolve) => (finish = resolve));
    }) as never;
    await openWizard();
    inputByLabel('OVF 2.0').click();
    await nextTick();
    exportButton().click();
    await flushPromises();
    expect(request).toMatchObject({ machineIds: [web.id], format: 'ovf', ovfVersion: '2.0', manifest: true, fileBaseName: 'web-01' });
    const bar = dialog().querySelector('[role="progressbar"][aria-label="Export progress"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('25');
    expect(dialog().textContent).toContain('Writing descriptor (1 of 4)');
    expect(downloads).toEqual([]);

    const sha = 'ab12cd34ef56'.padEnd(64, '0');
    finish({
      files: [
        { name: 'web-01.ovf', mediaType: 'application/ovf+xml', bytes: 5, sha256: sha, base64: btoa('<ovf>') },
        { name: 'web-01.mf', mediaType: 'text/plain', bytes: 3, sha256: sha, base64: btoa('mf\n') },
      ],
      machineCount: 1,
      totalBytes: 8,
      warnings: ['CPU hot-plug is not written to OVF'],
    });
    await flushPromises();
    expect(downloads.map((d) => d.name)).toEqual(['web-01.ovf', 'web-01.mf']);
    expect(await downloads[0]!.blob.text()).toBe('<ovf>');
    const rows = [...dialog().querySelectorAll('table[aria-label="Exported files"] tbody tr')].map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['web-01.ovf', '5 bytes', 'ab12cd34ef56…'],
      ['web-01.mf', '3 bytes', 'ab12cd34ef56…'],
    ]);
    expect(dialog().textContent).toContain('CPU hot-plug is not written to OVF');
    buttonByName('Save web-01.mf again', dialog()).click();
    expect(downloads.map((d) => d.name)).toEqual(['web-01.ovf', 'web-01.mf', 'web-01.mf']);
  });

  it('exports through the fake backend a file that names the machines', async () => {
    await openWizard();
    exportButton().click();
    await flushPromises();
    expect(downloads.map((d) => d.name)).toEqual(['web-01.ova']);
    const document = JSON.parse(await downloads[0]!.blob.text()) as FakeApplianceDocument;
    expect(document.machines.map((m) => [m.name, m.vcpus, m.memoryMiB])).toEqual([['web-01', 2, 2048]]);
  });

  it('shows an export failure in the dialog and downloads nothing', async () => {
    backend.overrides.exportMachines = () => {
      throw new AppError('NOT_FOUND', 'No such machine', 'machineIds');
    };
    await openWizard();
    exportButton().click();
    await flushPromises();
    expect(dialog().textContent).toContain('The export failed; nothing was saved');
    expect(dialog().textContent).toContain('No such machine');
    expect(downloads).toEqual([]);
    expect(exportButton().disabled).toBe(false);
  });

  it('offers no manifest for JSON', async () => {
    await openWizard();
    inputByLabel('JSON').click();
    await nextTick();
    expect(inputByLabel('A JSON export has no manifest').disabled).toBe(true);
    expect(dialog().textContent).toContain('Saved to your downloads as web-01.json');
  });
});
