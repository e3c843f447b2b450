// Electron's library folder: --library in both spellings among Chromium switches, the variable, then userData/library.
import { describe, expect, it } from 'vitest';
import { electronLibraryDir, libraryOverride } from './electronLibrary.ts';

describe('electron library folder', () => {
  it('picks --library out of Electron and Chromium switches', () => {
    expect(libraryOverride(['/opt/virtlab/virtlab', '--no-sandbox', '--library', '/srv/lab', '--enable-logging'])).toBe('/srv/lab');
    expect(libraryOverride(['/opt/virtlab/virtlab', '--library=/srv/lab2'])).toBe('/srv/lab2');
    expect(libraryOverride(['/opt/virtlab/virtlab', '.'])).toBeUndefined();
  });

  it('prefers --library, then VIRTLAB_LIBRARY, then the userData folder', () => {
    expect(electronLibraryDir(['x', '--library', '/srv/a'], { VIRTLAB_LIBRARY: '/srv/b' }, '/home/ada/.config/Virtlab')).toBe('/srv/a');
    expect(electronLibraryDir(['x'], { VIRTLAB_LIBRARY: '/srv/b' }, '/home/ada/.config/Virtlab')).toBe('/srv/b');
    expect(electronLibraryDir(['x'], {}, '/home/ada/.config/Virtlab')).toBe('/home/ada/.config/Virtlab/library');
  });

  it('refuses an empty --library with a message naming it', () => {
    expect(() => electronLibraryDir(['x', '--library'], {}, '/u')).toThrow('--library must name a folder, but it is empty');
  });
});
