// The server never writes terminal escape sequences from files or requests to its log: they arrive escaped.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { startChildWebServer } from './testing/childWebServer.ts';
import type { ChildWebServer } from './testing/childWebServer.ts';
import { WsTestClient } from './testing/wsTestClient.ts';

const tempDir = useTempDirs();
let server: ChildWebServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('server log output', () => {
  it('escapes control characters that came from a library file (a terminal title and colour change here)', async () => {
    const library = await tempDir();
    await mkdir(path.join(library, 'machines'));
    // Not valid JSON: the parser's message quotes the text, escape sequences included.
    await writeFile(path.join(library, 'machines', 'evil.json'), '\u001b]0;pwned\u0007\u001b[31m red \u009b2J');
    server = await startChildWebServer(library);
    const line = await server.waitForLog(/evil\.json/);
    expect(line).toContain('"\\x1b]0;pwned\\x07"');
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
    expect(server.log()).not.toMatch(/[\u001b\u0007\u009b]/);
  });

  it('refuses an upload whose file name has control characters, naming the problem', async () => {
    server = await startChildWebServer();
    const client = await WsTestClient.connect(server.wsUrl);
    const reply = await client.call('beginImport', { fileName: '\u001b[2Jlab.ova', size: 10 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('File name must not contain control characters') } });
    await client.close();
  });
});
