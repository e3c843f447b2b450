// Library folder resolution per OS, overrides and their validation, and document file names.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { libraryLayout, machineFile, machineIdOfFile, resolveLibraryDir } from './libraryPaths.ts';

describe('resolveLibraryDir', () => {
  it('defaults to the OS app-data folder', () => {
    expect(resolveLibraryDir({ env: {}, platform: 'linux', homedir: '/home/ada' })).toBe('/home/ada/.local/share/Virtlab');
    expect(resolveLibraryDir({ env: { XDG_DATA_HOME: '/data/xdg' }, platform: 'linux', homedir: '/home/ada' })).toBe('/data/xdg/Virtlab');
    expect(resolveLibraryDir({ env: { XDG_DATA_HOME: 'relative' }, platform: 'linux', homedir: '/home/ada' })).toBe('/home/ada/.local/share/Virtlab');
    expect(resolveLibraryDir({ env: {}, platform: 'darwin', homedir: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/Virtlab');
    expect(resolveLibraryDir({ env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Virtlab',
    );
    expect(resolveLibraryDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\Virtlab');
  });

  it('takes --library over VIRTLAB_LIBRARY over the default, resolving relative paths and ~', () => {
    const base = { platform: 'linux' as const, homedir: '/home/ada', cwd: '/work' };
    expect(resolveLibraryDir({ ...base, env: { VIRTLAB_LIBRARY: '/env/lib' } })).toBe('/env/lib');
    expect(resolveLibraryDir({ ...base, env: { VIRTLAB_LIBRARY: '/env/lib' }, override: 'labs/one' })).toBe('/work/labs/one');
    expect(resolveLibraryDir({ ...base, env: {}, override: '~/vms' })).toBe('/home/ada/vms');
    expect(resolveLibraryDir({ ...base, env: { VIRTLAB_LIBRARY: '' } })).toBe('/home/ada/.local/share/Virtlab');
  });

  it.each([
    [{ override: '   ' }, /--library must name a folder, but it is empty/],
    [{ env: { VIRTLAB_LIBRARY: 'a\u0000b' } }, /VIRTLAB_LIBRARY contains control characters/],
    [{ override: '~bob/vms' }, /only your own home folder/],
  ])('refuses %j with a clear message', (options, message) => {
    const call = () => resolveLibraryDir({ env: {}, platform: 'linux', homedir: '/home/ada', ...options });
    expect(call).toThrow(AppError);
    expect(call).toThrow(message);
  });
});

describe('document file names', () => {
  const layout = libraryLayout('/lib');

  it('lays out the folder', () => {
    expect(layout).toEqual({
      root: '/lib',
      machinesDir: '/lib/machines',
      inventoryFile: '/lib/inventory.json',
      quarantineDir: '/lib/quarantine',
      stagingDir: '/lib/staging',
      lockFile: '/lib/library.lock',
    });
  });

  it('maps ids to files and back, refusing ids that would escape the folder', () => {
    expect(machineFile(layout, '0b9e6a40-3c1f-4b6e-9d7a-1f2e3d4c5b6a')).toBe('/lib/machines/0b9e6a40-3c1f-4b6e-9d7a-1f2e3d4c5b6a.json');
    expect(() => machineFile(layout, '../escape')).toThrow(/cannot be used as a file name/);
    expect(() => machineFile(layout, '.hidden')).toThrow(/cannot be used as a file name/);
    expect(machineIdOfFile('web-01.json')).toBe('web-01');
    expect(machineIdOfFile('web-01.json.bak')).toBe('web-01');
    expect(machineIdOfFile('.web-01.json.123.abcd.tmp')).toBeUndefined();
    expect(machineIdOfFile('notes.txt')).toBeUndefined();
  });
});
