// web-mode CLI as a real process: one ready line, serves the API, exits cleanly on SIGTERM; bad args exit 2; a locked library exits 1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { WsTestClient } from './testing/wsTestClient.ts';

const entry = fileURLToPath(new URL('./webMain.ts', import.meta.url));
const tempDir = useTempDirs();

function run(args: string[]) {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
  // Tests that expect an early exit never await the ready line.
  firstLine.catch(() => undefined);
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

/** Starts web mode on `library`, returns its URL's port and token, and stops it. */
async function startAndStop(library: string, ...extra: string[]): Promise<{ port: string; token: string }> {
  const proc = run(['--port', '0', '--library', library, ...extra]);
  const line = await proc.firstLine;
  const [, port, token] = /:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/.exec(line)!;
  const session = await fetch(`http://127.0.0.1:${port}/api/session?token=${token}`);
  expect(session.status).toBe(204);
  expect((await fetch(`http://127.0.0.1:${port}/api/session?token=stale`)).status).toBe(401);
  expect((await fetch(`http://127.0.0.1:${port}/api/session`)).status).toBe(401);
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
  return { port: port!, token: token! };
}

describe('web token across restarts', () => {
  it('keeps the token of the same library (owner-only in web-token), and --new-token replaces it', async () => {
    const library = await tempDir();
    const first = await startAndStop(library);
    const second = await startAndStop(library);
    expect(second.token).toBe(first.token);
    expect((await stat(path.join(library, 'web-token'))).mode & 0o777).toBe(0o600);
    const rotated = await startAndStop(library, '--new-token');
    expect(rotated.token).not.toBe(first.token);
    expect((await startAndStop(library)).token).toBe(rotated.token);
    // Another library has its own token.
    expect((await startAndStop(await tempDir())).token).not.toBe(rotated.token);
  });

  it('does not trust a token file others could read, and makes a new one', async () => {
    const library = await tempDir();
    const first = await startAndStop(library);
    await chmod(path.join(library, 'web-token'), 0o644);
    const second = await startAndStop(library);
    expect(second.token).not.toBe(first.token);
    expect((await stat(path.join(library, 'web-token'))).mode & 0o777).toBe(0o600);
  });
});

describe('webMain CLI', () => {
  it('starts, prints exactly one ready line, answers over WebSocket, and shuts down on SIGTERM', async () => {
    const library = await tempDir();
    const proc = run(['--port', '0', '--seed', '5', '--library', library]);
    const line = await proc.firstLine;
    const match = /^Virtlab web mode: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, port, token] = match!;
    const client = await WsTestClient.connect(`ws://127.0.0.1:${port}/api?token=${token}`);
    const hosts = await client.call('listHosts');
    expect(hosts).toMatchObject({
      ok: true,
      value: [
        { id: 'host-1', name: 'Atlas', platforms: [{ id: 'esx-atlas', kind: 'type1' }] },
        { id: 'host-2', name: 'Mainframe' },
        {},
        {},
        {},
        { name: 'Node 1' },
        { name: 'Node 2' },
        { name: 'Node 3' },
        ...Array.from({ length: 10 }, () => ({ id: expect.stringMatching(/^rack-\d\d$/) })),
      ],
    });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output().stdout).toBe(`${line}\n`);
    expect(existsSync(path.join(library, 'library.lock')), 'the lock is released on exit').toBe(false);
  });

  it('refuses a second instance on the same library with one line naming the folder and the other pid, exit code 1', async () => {
    const library = await tempDir();
    const first = run(['--port', '0', '--library', library]);
    try {
      await first.firstLine;
      const second = run(['--port', '0', '--library', library]);
      expect(await second.exited).toBe(1);
      const { stdout, stderr } = second.output();
      expect(stdout).toBe('');
      const refusal = stderr.split('\n').filter((line) => line.includes('could not start'));
      expect(refusal).toHaveLength(1);
      expect(refusal[0]).toContain(`The library ${library} is in use by another Virtlab instance (pid ${first.child.pid},`);
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);
  });

  it('exits with code 2 and a message on bad arguments', async () => {
    const proc = run(['--host', '0.0.0.0']);
    expect(await proc.exited).toBe(2);
    expect(proc.output().stderr).toContain('Refusing to listen on "0.0.0.0"');
    expect(proc.output().stdout).toBe('');
  });
});
