// Where the machine library lives (OS app-data folder, --library or VIRTLAB_LIBRARY) and the files inside it.
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';

export const libraryEnvVar = 'VIRTLAB_LIBRARY';
const appFolder = 'Virtlab';

export interface ResolveLibraryOptions {
  /** `--library DIR` from the command line; wins over the environment. */
  readonly override?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly homedir?: string;
  readonly cwd?: string;
}

/** The library folder as an absolute path; throws a VALIDATION AppError naming the source of a bad value. */
export function resolveLibraryDir(options: ResolveLibraryOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const home = options.homedir ?? os.homedir();
  const cwd = options.cwd ?? process.cwd();
  if (options.override !== undefined) return checked(options.override, '--library', paths, home, cwd);
  const fromEnv = env[libraryEnvVar];
  if (fromEnv !== undefined && fromEnv !== '') return checked(fromEnv, libraryEnvVar, paths, home, cwd);
  return defaultLibraryDir(platform, env, home);
}

/** The OS's per-user application data folder for Virtlab. */
export function defaultLibraryDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (platform === 'win32') {
    const appData = env['APPDATA'];
    return path.win32.join(appData !== undefined && path.win32.isAbsolute(appData) ? appData : path.win32.join(home, 'AppData', 'Roaming'), appFolder);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', appFolder);
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env['XDG_DATA_HOME'];
  return path.posix.join(xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share'), appFolder);
}

function checked(raw: string, source: string, paths: path.PlatformPath, home: string, cwd: string): string {
  const value = raw.trim();
  if (value === '') throw new AppError('VALIDATION', `${source} must name a folder, but it is empty`, 'library');
  // eslint-disable-next-line no-control-regex -- a NUL or control character cannot be part of a usable path
  if (/[\u0000-\u001f]/.test(value)) throw new AppError('VALIDATION', `${source} contains control characters; give a plain folder path`, 'library');
  const expanded = value === '~' ? home : /^~[/\\]/.test(value) ? paths.join(home, value.slice(2)) : value;
  if (expanded.startsWith('~')) throw new AppError('VALIDATION', `${source} "${value}": only your own home folder (~/...) can be abbreviated`, 'library');
  return paths.resolve(cwd, expanded);
}

export interface LibraryLayout {
  readonly root: string;
  readonly machinesDir: string;
  readonly inventoryFile: string;
  readonly quarantineDir: string;
  /** Imports being written (staging/<transaction>/); created when the first import starts. */
  readonly stagingDir: string;
  readonly lockFile: string;
}

export function libraryLayout(root: string): LibraryLayout {
  return {
    root,
    machinesDir: path.join(root, 'machines'),
    inventoryFile: path.join(root, 'inventory.json'),
    quarantineDir: path.join(root, 'quarantine'),
    stagingDir: path.join(root, 'staging'),
    lockFile: path.join(root, 'library.lock'),
  };
}

/** Ids become file names, so only plain names are accepted (no separators, no leading dot, no backup suffix). */
const machineIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export function machineFile(layout: LibraryLayout, id: string): string {
  if (!machineIdPattern.test(id)) throw new AppError('VALIDATION', `Machine id "${id.slice(0, 100)}" cannot be used as a file name`, 'id');
  return path.join(layout.machinesDir, `${id}.json`);
}

/** The machine id a document file name stands for, or undefined for files that are not machine documents. */
export function machineIdOfFile(fileName: string): string | undefined {
  const match = /^(.+)\.json(\.bak)?$/.exec(fileName);
  return match?.[1] !== undefined && machineIdPattern.test(match[1]) ? match[1] : undefined;
}
