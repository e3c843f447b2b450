// `npm pack` + `npm install -g` into a temporary prefix gives a working `virtlab` on the oldest Node the package allows.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../shared/domain/machine.ts';
import { useTempDirs } from '../node/library/testing/tempDirs.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
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
