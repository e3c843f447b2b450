// The packages, built for real: npm pack + install gives a working `virtlab`; electron-builder --linux dir with a stand-in
// Electron gives an app folder with a clean asar and the CLI. One file, so the two builds of dist/ never run at once.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listPackage } from '@electron/asar';
import type { Machine } from '../shared/domain/machine.ts';
import { useTempDirs } from '../main/node/library/testing/tempDirs.ts';
import { standInElectronDist } from './standInElectron.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const tempDir = useTempDirs();

/** Debian's Node 20 (the engines minimum) when the machine has it, so the test proves the bundle runs there. */
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => existsSync(candidate));
const npmAvailable = await run('npm', ['--version']).then(() => true, () => false);

describe.skipIf(!npmAvailable)('the npm package', () => {
  it('packs only the built CLI, installs globally without fetching anything, and runs create/list', { timeout: 180_000 }, async () => {
    const work = await tempDir();
    const { stdout: packed } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const [tarball] = JSON.parse(packed.slice(packed.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = tarball!.files.map((file) => file.path).sort();
    expect(files).toEqual(['LICENSE', 'README.md', 'dist/cli/virtlab.mjs', 'dist/cli/worker.mjs', 'dist/main/electron/main.cjs', 'package.json']);
    expect(files.filter((file) => /\.(test|spec|bench)\.|\.map$|^(bench|e2e|engine|renderer|shared|main)\//.test(file))).toEqual([]);

    const prefix = path.join(work, 'prefix');
    await run('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(work, tarball!.filename)], { cwd: work });
    const installed = path.join(prefix, 'lib', 'node_modules', 'virtlab');
    expect(await readdir(installed)).not.toContain('node_modules');

    // The bin is started by its #!/usr/bin/env node line with the system Node first on PATH.
    const bin = path.join(prefix, 'bin', 'virtlab');
    const nodeDir = path.dirname(systemNode ?? process.execPath);
    const env = { PATH: `${nodeDir}:/usr/bin:/bin`, HOME: work, VIRTLAB_LIBRARY: path.join(work, 'library') };
    const { stdout: nodeVersion } = await run('node', ['--version'], { env });
    const version = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')).version as string;
    expect((await run(bin, ['--version'], { env })).stdout).toBe(`virtlab ${version}\n`);
    await run(bin, ['create', '--name', 'packed-01', '--os', 'alpine64'], { env });
    const listed = JSON.parse((await run(bin, ['list', '--json'], { env })).stdout) as Machine[];
    expect(listed).toEqual([expect.objectContaining({ name: 'packed-01', osType: 'alpine64', state: 'PoweredOff' })]);
    expect(nodeVersion).toMatch(/^v\d+\./);
  });
});

/** Node runs the repository's .ts scripts directly (the project's Node 22, like npm scripts). */
const runScript = (script: string, ...args: string[]) => run(process.execPath, [path.join(root, script), ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 });

describe('electron-builder --linux dir with a stand-in Electron', () => {
  it.skipIf(process.platform !== 'linux')('packs an app folder whose asar holds no source maps and whose resources hold the CLI', { timeout: 300_000 }, async () => {
    if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) await run('npm', ['run', 'build:renderer'], { cwd: root });
    await runScript('esbuild.config.ts', '--release');
    await runScript('packaging/appIcons.ts');
    const work = await tempDir();
    const electronDist = await standInElectronDist(path.join(work, 'electron'));
    const output = path.join(work, 'release');
    await runScript('node_modules/electron-builder/cli.js', '--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`);

    const app = path.join(output, 'linux-unpacked');
    const resources = path.join(app, 'resources');
    const inAsar = listPackage(path.join(resources, 'app.asar'), { isPack: false });
    expect(inAsar.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(inAsar).toEqual(expect.arrayContaining(['/dist/main/electron/main.cjs', '/dist/main/preload/preload.cjs', '/dist/renderer/index.html', '/package.json']));
    expect(inAsar.filter((file) => /^\/dist\/(cli|icons)\//.test(file))).toEqual([]);
    // Linux unpacks the engine worker (appPaths.ts explains why).
    expect(existsSync(path.join(resources, 'app.asar.unpacked', 'dist', 'main', 'engine', 'worker.cjs'))).toBe(true);
    expect((await readdir(path.join(resources, 'cli'))).sort()).toEqual(['virtlab', 'virtlab.cmd', 'virtlab.mjs', 'worker.mjs']);
    expect(existsSync(path.join(resources, 'LICENSE'))).toBe(true);
    expect(existsSync(path.join(app, 'virtlab-desktop'))).toBe(true);

    // The fuses were flipped in the (stand-in) binary: no run-as-node, asar integrity on, app only from the asar.
    const binary = await readFile(path.join(app, 'virtlab-desktop'));
    const wire = binary.subarray(binary.indexOf('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX') + 34).toString('latin1');
    expect([wire[0], wire[4], wire[5]]).toEqual(['0', '1', '1']);

    // The shipped command line runs, through its wrapper, on the system's Node.
    const env = { PATH: `${path.dirname(systemNode ?? process.execPath)}:/usr/bin:/bin`, HOME: work, VIRTLAB_LIBRARY: path.join(work, 'library') };
    const version = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')).version as string;
    expect((await run(path.join(resources, 'cli', 'virtlab'), ['--version'], { env })).stdout).toBe(`virtlab ${version}\n`);
  });
});
