// endpoint.json: owner-only permissions, validation of what is read back, and withdrawal only by the instance that wrote it.
import { readdir, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { endpointPath, publishEndpoint, readEndpoint, withdrawEndpoint } from './endpointFile.ts';

const tempDir = useTempDirs();
const endpoint = { url: 'http://127.0.0.1:47800', token: 'a'.repeat(43), pid: 1234 };

describe('endpoint file', () => {
  it('publishes with mode 0600 and reads back the same endpoint, leaving no temp file', async () => {
    const dir = await tempDir();
    await publishEndpoint(dir, endpoint);
    expect((await stat(endpointPath(dir))).mode & 0o777).toBe(0o600);
    expect(await readEndpoint(dir)).toEqual(endpoint);
    expect(await readdir(dir)).toEqual(['endpoint.json']);
  });

  it('refuses to publish or read a non-loopback URL', async () => {
    const dir = await tempDir();
    await expect(publishEndpoint(dir, { ...endpoint, url: 'http://evil.example:80' })).rejects.toThrow(/loopback/);
    await writeFile(endpointPath(dir), JSON.stringify({ ...endpoint, url: 'http://10.0.0.1:1' }));
    expect(await readEndpoint(dir)).toBeUndefined();
  });

  it('reads a missing, broken or incomplete file as no endpoint', async () => {
    const dir = await tempDir();
    expect(await readEndpoint(dir)).toBeUndefined();
    await writeFile(endpointPath(dir), '{"url":');
    expect(await readEndpoint(dir)).toBeUndefined();
    await writeFile(endpointPath(dir), JSON.stringify({ url: endpoint.url, pid: 1 }));
    expect(await readEndpoint(dir)).toBeUndefined();
  });

  it('withdraws only its own endpoint', async () => {
    const dir = await tempDir();
    await publishEndpoint(dir, endpoint);
    await withdrawEndpoint(dir, 'b'.repeat(43));
    expect(await readEndpoint(dir)).toEqual(endpoint);
    await withdrawEndpoint(dir, endpoint.token);
    expect(await readEndpoint(dir)).toBeUndefined();
  });
});
