// Tests for the chunked appliance upload: chunk size and offsets, progress, refusing bad files up front, and cancelling.
import { beforeEach, describe, expect, it } from 'vitest';
import { importChunkBytes } from '../../shared/domain/appliance.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';
import { applianceFileProblem, UploadCancelled, uploadAppliance } from './uploadAppliance.ts';
import { base64ToBytes } from '../format/base64.ts';

let backend: FakeBackend;
beforeEach(() => {
  backend = setupStores();
});

const fileOf = (size: number, name = 'big.ova') => new File([new Uint8Array(size).map((_, i) => i % 251)], name);

describe('uploadAppliance', () => {
  it('sends the file in order in chunks of at most importChunkBytes and reports confirmed bytes', async () => {
    const size = Math.floor(importChunkBytes * 2.5);
    const sent: number[] = [];
    const uploadId = await uploadAppliance(fileOf(size), { uploadId: null, cancelled: false }, (n) => sent.push(n));
    const chunks = backend.callsOf('uploadImportChunk') as { uploadId: string; offset: number; data: string }[];
    expect(chunks.map((c) => [c.offset, base64ToBytes(c.data).length])).toEqual([
      [0, importChunkBytes],
      [importChunkBytes, importChunkBytes],
      [2 * importChunkBytes, size - 2 * importChunkBytes],
    ]);
    expect(chunks.every((c) => c.uploadId === uploadId)).toBe(true);
    expect(sent).toEqual([0, importChunkBytes, 2 * importChunkBytes, size]);
    expect(backend.callsOf('beginImport')).toEqual([{ fileName: 'big.ova', size }]);
    expect(backend.appliances.uploads.get(uploadId)?.received).toBe(size);
  });

  it('refuses files that are not appliances or are empty before sending anything', async () => {
    expect(applianceFileProblem({ name: 'notes.txt', size: 10 })).toBe('Choose an .ova or .ovf file');
    expect(applianceFileProblem({ name: 'empty.ovf', size: 0 })).toBe('The file is empty');
    expect(applianceFileProblem({ name: 'web.OVA', size: 10 })).toBeNull();
    await expect(uploadAppliance(fileOf(10, 'notes.txt'), { uploadId: null, cancelled: false }, () => undefined)).rejects.toThrow('Choose an .ova or .ovf file');
    expect(backend.calls).toEqual([]);
  });

  it('stops between chunks when cancelled and drops the partial upload', async () => {
    const handle = { uploadId: null as string | null, cancelled: false };
    const upload = uploadAppliance(fileOf(importChunkBytes * 3), handle, (n) => {
      if (n > 0) handle.cancelled = true;
    });
    await expect(upload).rejects.toBeInstanceOf(UploadCancelled);
    expect(backend.callsOf('uploadImportChunk')).toHaveLength(1);
    expect(backend.callsOf('cancelImport')).toEqual([{ uploadId: handle.uploadId }]);
    expect(backend.appliances.uploads.size).toBe(0);
  });
});
