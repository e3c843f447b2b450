// electron-builder.yml, checked by electron-builder's own schema and, target by target, for what each package needs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { afterAll, describe, expect, it } from 'vitest';
import { iconDir, linuxIconSizes, writeAppIcons } from './appIcons.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const config: Configuration = await getConfig(root, null, null);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const targetsOf = (platform: 'linux' | 'win' | 'mac'): string[] => ((config[platform]?.target ?? []) as (string | { target: string })[]).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder configuration', () => {
  it('matches electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage, deb and rpm on Linux, NSIS on Windows and a dmg on macOS', () => {
    expect(targetsOf('linux')).toEqual(['AppImage', 'deb', 'rpm']);
    expect(targetsOf('win')).toEqual(['nsis']);
    expect(targetsOf('mac')).toEqual(['dmg']);
  });

  it('gives every target its icon from the generated set', () => {
    expect(config.linux?.icon).toBe(path.relative(root, path.join(iconDir, 'png')));
    expect(config.win?.icon).toBe(path.relative(root, path.join(iconDir, 'icon.ico')));
    expect(config.mac?.icon).toBe(path.relative(root, path.join(iconDir, 'icon.icns')));
  });

  it('associates .ova and .ovf with the app, with MIME types the Linux desktop entry declares', () => {
    const associations = [config.fileAssociations ?? []].flat();
    expect(associations.map((a) => a.ext)).toEqual(['ova', 'ovf']);
    for (const association of associations) expect(config.linux?.mimeTypes).toContain(association.mimeType);
    expect(pkg['desktopName']).toBe(`${config.linux?.executableName}.desktop`);
  });

  it('has what deb and rpm need: a maintainer with an email, a vendor, a description, and install scripts that parse', () => {
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.linux?.vendor).toBeTruthy();
    expect(config.linux?.description).toBeTruthy();
    for (const target of [config.deb, config.rpm]) {
      for (const script of [target?.afterInstall, target?.afterRemove]) {
        expect(script).toBeTruthy();
        execFileSync('bash', ['-n', path.join(root, script!)]);
      }
    }
    // The command line is /usr/bin/virtlab, so the app's own binary must be named otherwise.
    expect(config.linux?.executableName).not.toBe('virtlab');
    expect(readFileSync(path.join(root, config.deb!.afterInstall!), 'utf8')).toContain("ln -sf '/opt/${sanitizedProductName}/resources/cli/virtlab' '/usr/bin/virtlab'");
  });

  it('ships the license in NSIS and in the resources, and no source maps or icons inside the app', () => {
    expect(existsSync(path.join(root, config.nsis!.license!))).toBe(true);
    const patterns = [config.files ?? []].flat().flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));
    expect(patterns).toEqual(expect.arrayContaining(['!**/*.map', '!dist/icons/**', '!dist/cli/**']));
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'LICENSE' }), expect.objectContaining({ from: 'dist/cli', to: 'cli' })]));
    expect(pkg['license']).toBe('MIT');
  });

  it('keeps the hardened fuses', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, enableNodeOptionsEnvironmentVariable: false });
  });
});

describe('app icons', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('are rendered from the one SVG: every Linux PNG size, a Windows .ico and a macOS .icns', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'virtlab-icons-'));
    dirs.push(dir);
    const written = await writeAppIcons(dir);
    for (const size of linuxIconSizes) {
      const png = await readFile(path.join(written.pngDir, `${size}x${size}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR width and height, big-endian, at bytes 16..23.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ico = await readFile(written.ico);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4);
    expect((await readFile(written.icns)).subarray(0, 4).toString('latin1')).toBe('icns');
  });
});
