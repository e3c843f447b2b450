// Upload sessions on their own: temp files, idle expiry, chunk size, end and dispose.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importChunkBytes } from '../../../shared/domain/appliance.ts';
import { useTempDirs } from '../library/testing/tempDirs.ts';
import { ImportUploads } from './importUploads.ts';

const tempDir = useTempDirs();

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('ImportUploads', () => {
  it('stores chunks in order in a private temp file and streams them back', async () => {
    const uploads = new ImportUploads({ dir: await tempDir() });
    const upload = await uploads.begin(1, 'a.ova', 5);
    await uploads.append(1, upload.id, 0, Buffer.from('he'));
    expect(upload.phase).toBe('uploading');
    await uploads.append(1, upload.id, 2, Buffer.from('llo'));
    expect(upload.phase).toBe('uploaded');
    const seen: number[] = [];
    expect((await collect(uploads.read(upload, (bytes) => seen.push(bytes)))).toString()).toBe('hello');
    expect(seen.at(-1)).toBe(5);
    await expect(uploads.append(1, upload.id, 5, Buffer.from('!'))).rejects.toThrow('All 5 bytes of "a.ova" were already received');
    await uploads.dispose();
    expect(existsSync(uploads.dir)).toBe(false);
  });

  it('refuses empty and oversized chunks', async () => {
    const uploads = new ImportUploads({ dir: await tempDir() });
    const upload = await uploads.begin(1, 'a.ova', importChunkBytes * 2);
    await expect(uploads.append(1, upload.id, 0, new Uint8Array(0))).rejects.toThrow('The chunk is empty');
    await expect(uploads.append(1, upload.id, 0, new Uint8Array(importChunkBytes + 1))).rejects.toThrow(`A chunk may hold at most ${importChunkBytes} bytes`);
    await uploads.dispose();
  });

  it('limits the uploads open at once across all clients, not per client', async () => {
    const uploads = new ImportUploads({ dir: await tempDir() });
    // As 25 connections each opening uploads would: every new client counts against the same limit.
    for (let client = 1; client <= 4; client += 1) await uploads.begin(client, `a${client}.ova`, 10);
    await expect(uploads.begin(5, 'e.ova', 10)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'At most 4 imports can be uploading at once (4 of them in other windows or commands); finish or cancel one first',
    });
    expect(uploads.size).toBe(4);
    await uploads.dropClient(2);
    await uploads.begin(5, 'e.ova', 10);
    await uploads.dispose();
  });

  it('expires an idle upload and removes its file', async () => {
    const logs: string[] = [];
    const dir = await tempDir();
    const uploads = new ImportUploads({ dir, idleMs: 30, log: (line) => logs.push(line) });
    const upload = await uploads.begin(7, 'idle.ovf', 10);
    expect(await readdir(dir)).toEqual([`${upload.id}.part`]);
    await expect.poll(() => uploads.size).toBe(0);
    await expect.poll(() => readdir(dir)).toEqual([]);
    expect(() => uploads.get(7, upload.id)).toThrow(/does not exist/);
    expect(logs).toEqual(['[import] upload of "idle.ovf" expired after 30 ms idle']);
  });
});
