// web-mode CLI as a real process: one ready line, serves the API, exits cleanly on SIGTERM; bad args exit 2; a locked library exits 1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    expect(hosts).toMatchObject({ ok: true, value: [{ id: 'host-1', name: 'Atlas', platforms: [{ id: 'esx-atlas', kind: 'type1' }] }, { id: 'host-2', name: 'Mainframe' }, {}, {}, {}] });
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
