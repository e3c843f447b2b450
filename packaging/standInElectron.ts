// A stand-in Electron distribution for offline packaging tests: the files electron-builder copies, and a fuse wire to flip.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const electronVersion = (JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/electron/package.json', import.meta.url)), 'utf8')) as { version: string }).version;

/** @electron/fuses finds the wire after this sentinel: a version byte (1), a length byte, then one byte per fuse. */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuseCount = 9;

/** Not a working Electron: a script that only says so, with the fuse wire a real binary carries. Returns the folder. */
export async function standInElectronDist(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for packaging tests; it cannot run an app" >&2\nexit 1\n# '),
    Buffer.from(fuseSentinel, 'latin1'),
    Buffer.from([1, fuseCount]),
    Buffer.from('1'.repeat(fuseCount), 'latin1'),
    Buffer.from('\n'),
  ]);
  await writeFile(path.join(dir, 'electron'), script);
  await chmod(path.join(dir, 'electron'), 0o755);
  await writeFile(path.join(dir, 'version'), electronVersion);
  await writeFile(path.join(dir, 'LICENSE'), 'Electron license (stand-in)\n');
  await writeFile(path.join(dir, 'LICENSES.chromium.html'), '<!-- stand-in -->\n');
  return dir;
}
