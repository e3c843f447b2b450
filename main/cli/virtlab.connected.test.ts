// The real `virtlab` command against a running web-mode Virtlab that published its endpoint: start and stop really run machines.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Machine } from '../../shared/domain/machine.ts';
import { publishEndpoint, withdrawEndpoint } from '../node/endpointFile.ts';
import { useTempDirs } from '../node/library/testing/tempDirs.ts';
import { startWebMode } from '../node/webMain.ts';
import type { WebMode } from '../node/webMain.ts';

const entry = fileURLToPath(new URL('./virtlab.ts', import.meta.url));
const tempDir = useTempDirs();
let running: WebMode | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

function virtlab(library: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [entry, '--library', library, ...argv], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

describe('virtlab (child process) with a running Virtlab', () => {
  it('goes through the running instance: start --wait, list, stop --wait, and the app sees every change', async () => {
    const library = path.join(await tempDir(), 'library');
    running = await startWebMode(
      { port: 0, host: '127.0.0.1', seed: 1, speed: 50, testHooks: false, newToken: false, help: false, libraryDir: library },
      { print: () => undefined, log: () => undefined, staticDir: await tempDir() },
    );
    await publishEndpoint(library, { url: `http://127.0.0.1:${running.port}`, token: running.token, pid: process.pid });
    const client = running.backend.connect(() => undefined);
    const api = running.backend.apiFor(client);

    expect((await virtlab(library, 'create', '--name', 'live', '--os', 'alpine64')).code).toBe(0);
    expect((await api.listMachines({})).map((m) => m.name)).toEqual(['live']);

    const started = await virtlab(library, 'start', 'live', '--wait', '--json');
    expect(started.stderr).toBe('');
    expect(JSON.parse(started.stdout)).toMatchObject({ name: 'live', state: 'Running' });
    expect((await api.listMachines({}))[0]!.state).toBe('Running');

    const refused = await virtlab(library, 'delete', 'live');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/"live" is Running; stop it first, or use --force/);

    const stopped = await virtlab(library, 'stop', 'live', '--wait', '--json');
    expect((JSON.parse(stopped.stdout) as Machine).state).toBe('PoweredOff');
    expect((await virtlab(library, 'delete', 'live')).code).toBe(0);
    expect(await api.listMachines({})).toEqual([]);
    running.backend.disconnect(client);
  });

  it('falls back to opening the library itself when the endpoint is stale: exits 3 for changes, reads it read-only', async () => {
    const library = path.join(await tempDir(), 'library');
    running = await startWebMode(
      { port: 0, host: '127.0.0.1', seed: 1, speed: 1, testHooks: false, newToken: false, help: false, libraryDir: library },
      { print: () => undefined, log: () => undefined, staticDir: await tempDir() },
    );
    // An endpoint whose token is wrong: the connection is refused, and the library's lock says who holds it.
    await publishEndpoint(library, { url: `http://127.0.0.1:${running.port}`, token: 'x'.repeat(43), pid: process.pid });
    const locked = await virtlab(library, 'create', '--name', 'web-01', '--os', 'ubuntu64');
    expect(locked.code).toBe(3);
    expect(locked.stderr).toMatch(/could not reach the running Virtlab .*HTTP 401/);
    expect(locked.stderr).toMatch(/virtlab: The library .* is in use by Virtlab \(pid \d+/);
    const listed = await virtlab(library, 'list', '--json');
    expect(listed).toMatchObject({ code: 0, stdout: '[]\n' });
    expect(listed.stderr).toMatch(/virtlab: The library .* is in use by Virtlab \(pid \d+ [^)]*\); showing it as last saved, read-only\n$/);

    await withdrawEndpoint(library, 'x'.repeat(43));
    await running.close();
    running = undefined;
    expect(await virtlab(library, 'list')).toMatchObject({ code: 0, stderr: '' });
  });
});
