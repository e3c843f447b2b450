// The small main-process modules: About text, window state, opened appliances, operation feedback and the log file.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ dialog: {}, screen: { getAllDisplays: () => [] } }));
const { aboutDetail } = await import('./aboutDialog.ts');
const { parseWindowState, visibleState } = await import('./windowState.ts');
const { ApplianceOpener, appliancePathsIn } = await import('./openedAppliances.ts');
const { OperationFeedback, notifyAfterMs } = await import('./operationFeedback.ts');
const { createLogger, maxLogBytes } = await import('./logFile.ts');
const { readApplianceFile } = await import('./nativeDialogs.ts');

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtlab-desktop-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('About', () => {
  it('names the app version and the Electron, Chromium, Node and V8 versions', () => {
    const text = aboutDetail({ appVersion: '1.2.3', versions: { electron: '45.4.1', chrome: '142.0', node: '22.20.0', v8: '14.2' }, platform: 'linux', arch: 'x64', osRelease: '6.1' });
    expect(text).toMatch(/^Version 1\.2\.3\n\nElectron 45\.4\.1\nChromium 142\.0\nNode\.js 22\.20\.0\nV8 14\.2\nOS linux x64 6\.1/);
  });
});

describe('window state', () => {
  it('accepts only a well-formed saved state', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":1200,"height":700,"maximized":true}')).toEqual({ x: 10, y: 20, width: 1200, height: 700, maximized: true });
    expect(parseWindowState('{"x":10,"y":20,"width":50,"height":700,"maximized":true}')).toBeUndefined();
    expect(parseWindowState('not json')).toBeUndefined();
    expect(parseWindowState(undefined)).toBeUndefined();
  });

  it('drops a position that is on no connected display, keeping the size and maximized state', () => {
    const state = { x: 3000, y: 100, width: 1200, height: 700, maximized: false };
    expect(visibleState(state, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toEqual({ width: 1200, height: 700, maximized: false });
    expect(visibleState(state, [{ x: 0, y: 0, width: 1920, height: 1080 }, { x: 1920, y: 0, width: 2560, height: 1440 }])).toEqual(state);
  });
});

describe('opened appliances', () => {
  it('picks .ova/.ovf paths out of launch arguments, absolute against the launch folder', () => {
    expect(appliancePathsIn(['--no-sandbox', 'lab.OVA', '/x/y.ovf', 'notes.txt', '--library=/l.ova', '.'], '/home/me')).toEqual(['/home/me/lab.OVA', '/x/y.ovf']);
  });

  it('holds files until the page loaded, and reports unreadable ones instead of sending them', async () => {
    const sent: unknown[] = [];
    const errors: string[] = [];
    const opener = new ApplianceOpener({
      read: async (file) => {
        if (file.endsWith('bad.ova')) throw new Error('bad.ova does not exist or is not a file');
        return { name: path.basename(file), bytes: new Uint8Array([1]) };
      },
      send: (command) => sent.push(command),
      showError: (_title, message) => errors.push(message),
    });
    await opener.open('/a/lab.ova');
    await opener.open('/a/bad.ova');
    expect(sent).toEqual([]);
    opener.pageLoaded();
    expect(sent).toEqual([{ id: 'importAppliance', file: { name: 'lab.ova', bytes: new Uint8Array([1]) } }]);
    expect(errors).toEqual(['bad.ova does not exist or is not a file']);
  });

  it('reads only existing .ova/.ovf files', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'web.ovf'), '<Envelope/>');
    expect(await readApplianceFile(path.join(dir, 'web.ovf'))).toEqual({ name: 'web.ovf', bytes: new Uint8Array(Buffer.from('<Envelope/>')) });
    await expect(readApplianceFile(path.join(dir, 'web.zip'))).rejects.toThrow(/is not an \.ova or \.ovf file/);
    await expect(readApplianceFile(path.join(dir, 'gone.ova'))).rejects.toThrow(/does not exist/);
  });
});

describe('operation feedback', () => {
  const target = () => {
    const bars: number[] = [];
    const notes: string[] = [];
    let now = 0;
    let focused = false;
    return {
      bars,
      notes,
      advance: (ms: number) => (now += ms),
      focus: (value: boolean) => (focused = value),
      target: { setProgressBar: (f: number) => bars.push(f), isFocused: () => focused, notify: (t: string, b: string) => notes.push(`${t}: ${b}`), now: () => now },
    };
  };

  it('shows progress on the taskbar and removes it when the operation ends', () => {
    const t = target();
    const feedback = new OperationFeedback(t.target);
    feedback.started('op1', 'exportMachines');
    feedback.progress({ operationId: 'op1', operation: 'export', step: 'Writing', done: 1, total: 4 });
    feedback.progress({ operationId: 'other', operation: 'export', step: 'x', done: 1, total: 1 });
    feedback.finished('op1', { ok: true });
    expect(t.bars).toEqual([0, 0.25, -1]);
    expect(t.notes).toEqual([]);
  });

  it('notifies when a long operation ends while the window is not focused, success or failure', () => {
    const t = target();
    const feedback = new OperationFeedback(t.target);
    feedback.started('a', 'commitImport');
    feedback.progress({ operationId: 'a', operation: 'import', step: 'Imported 3 machines', done: 3, total: 3 });
    t.advance(notifyAfterMs);
    feedback.finished('a', { ok: true });
    feedback.started('b', 'exportMachines');
    t.advance(notifyAfterMs + 1);
    feedback.finished('b', { ok: false, message: 'disk full' });
    t.focus(true);
    feedback.started('c', 'exportMachines');
    t.advance(notifyAfterMs * 10);
    feedback.finished('c', { ok: true });
    expect(t.notes).toEqual(['Import finished: Imported 3 machines', 'Export failed: disk full']);
  });

  it('tracks only calls that carry an operation id', () => {
    expect(OperationFeedback.tracks('exportMachines', { operationId: 'x' })).toBe(true);
    expect(OperationFeedback.tracks('exportMachines', {})).toBe(false);
    expect(OperationFeedback.tracks('listMachines', { operationId: 'x' })).toBe(false);
  });
});

describe('log file', () => {
  it('appends timestamped lines owner-only, and starts over past the size limit keeping one old copy', async () => {
    const dir = await tempDir();
    const echoed: string[] = [];
    const { log, file } = createLogger(path.join(dir, 'logs'), (text) => echoed.push(text));
    log('[library] opened');
    expect(await readFile(file, 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z \[library\] opened\n$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(echoed).toEqual(['[library] opened\n']);
    await writeFile(file, Buffer.alloc(maxLogBytes + 1));
    createLogger(path.join(dir, 'logs'), () => undefined).log('fresh');
    expect((await readFile(file, 'utf8')).endsWith(' fresh\n')).toBe(true);
    expect((await stat(path.join(dir, 'logs', 'main.old.log'))).size).toBe(maxLogBytes + 1);
  });
});

describe('native save dialog for exports', () => {
  const exported = (name: string, text: string) => {
    const data = Buffer.from(text);
    return { name, base64: data.toString('base64'), sha256: createHash('sha256').update(data).digest('hex') };
  };

  it('saves one file under the name chosen in the Save dialog', async () => {
    const dir = await tempDir();
    const { dialog } = (await import('electron')) as unknown as { dialog: Record<string, unknown> };
    dialog['showSaveDialog'] = async (_w: unknown, options: { defaultPath: string }) => ({ canceled: false, filePath: path.join(dir, `my-${options.defaultPath}`) });
    const { saveExport } = await import('./nativeDialogs.ts');
    const result = await saveExport({} as never, [exported('lab.ova', 'ova bytes')]);
    expect(result).toEqual({ saved: true, paths: [path.join(dir, 'my-lab.ova')] });
    expect(await readFile(path.join(dir, 'my-lab.ova'), 'utf8')).toBe('ova bytes');
  });

  it('puts an OVF and its manifest into a chosen folder under their own names, and saves nothing when cancelled', async () => {
    const dir = await tempDir();
    const { dialog } = (await import('electron')) as unknown as { dialog: Record<string, unknown> };
    dialog['showOpenDialog'] = async () => ({ canceled: false, filePaths: [dir] });
    const { saveExport } = await import('./nativeDialogs.ts');
    const files = [exported('web.ovf', '<Envelope/>'), exported('web.mf', 'SHA1(web.ovf)= 00')];
    expect(await saveExport({} as never, files)).toEqual({ saved: true, paths: [path.join(dir, 'web.ovf'), path.join(dir, 'web.mf')] });
    dialog['showOpenDialog'] = async () => ({ canceled: true, filePaths: [] });
    expect(await saveExport({} as never, files)).toEqual({ saved: false });
    const damaged = [{ ...files[0]!, sha256: '0'.repeat(64) }, files[1]!];
    dialog['showOpenDialog'] = async () => ({ canceled: false, filePaths: [dir] });
    await expect(saveExport({} as never, damaged)).rejects.toThrow(/arrived damaged/);
  });
});
