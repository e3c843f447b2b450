// Launcher: finds Electron without importing it, spawns it on the project, or falls back to web mode.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary, launch, webFallbackNotice } from './launch.ts';

const base = mkdtempSync(path.join(tmpdir(), 'virtlab-launch-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function project(name: string, options: { pathTxt?: string; binary?: string; bundle?: boolean }): string {
  const root = path.join(base, name);
  const electronDir = path.join(root, 'node_modules', 'electron');
  mkdirSync(path.join(electronDir, 'dist'), { recursive: true });
  if (options.pathTxt !== undefined) writeFileSync(path.join(electronDir, 'path.txt'), options.pathTxt);
  if (options.binary !== undefined) {
    const file = path.join(electronDir, 'dist', options.binary);
    // A stand-in "Electron" that records its arguments.
    writeFileSync(file, `#!/bin/sh\necho "$@" > "${root}/args.txt"\nexit 3\n`);
    chmodSync(file, 0o755);
  }
  if (options.bundle) {
    mkdirSync(path.join(root, 'dist', 'main', 'electron'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'main', 'electron', 'main.cjs'), '');
  }
  return root;
}

describe('findElectronBinary', () => {
  it('finds nothing when the electron package has no downloaded binary', () => {
    expect(findElectronBinary(project('none', {}), {})).toBeNull();
    expect(findElectronBinary(project('pathonly', { pathTxt: 'electron' }), {})).toBeNull();
  });

  it('uses path.txt inside node_modules/electron/dist', () => {
    const root = project('present', { pathTxt: 'electron', binary: 'electron' });
    expect(findElectronBinary(root, {})).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const root = project('override', { binary: 'electron' });
    const dist = path.join(root, 'node_modules', 'electron', 'dist');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(path.join(dist, 'electron'));
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: path.join(base, 'empty') })).toBeNull();
  });
});

describe('launch', () => {
  it('spawns Electron on the project folder and passes its exit code on', async () => {
    const root = project('spawn', { pathTxt: 'electron', binary: 'electron', bundle: true });
    expect(await launch(['--foo', '--open'], { projectRoot: root, env: {} })).toBe(3);
    expect(readFileSync(path.join(root, 'args.txt'), 'utf8').trim()).toBe(`${root} --foo`);
  });

  it('asks for a build when Electron exists but the bundle does not', async () => {
    const root = project('nobundle', { pathTxt: 'electron', binary: 'electron' });
    expect(await launch([], { projectRoot: root, env: {} })).toBe(1);
  });

  it('falls back to web mode with a notice when there is no Electron binary', async () => {
    const entry = fileURLToPath(new URL('./launch.ts', import.meta.url));
    // Arguments pass through to web mode: the library goes to a test folder, never the user's own.
    const libraryDir = path.join(base, 'fallback-library');
    const child = spawn(process.execPath, [entry, '--port', '0', '--library', libraryDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(base, 'no-electron-here') },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const lines = await new Promise<string[]>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const done = stdout.split('\n');
        if (done.length >= 3) resolve(done.slice(0, 2));
      });
      child.on('exit', () => reject(new Error(`exited early: ${stdout}`)));
    });
    expect(lines[0]).toBe(webFallbackNotice);
    expect(lines[1]).toMatch(/^Virtlab web mode: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(path.join(libraryDir, 'inventory.json'))).toBe(true);
  });
});
