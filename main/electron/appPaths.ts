// Where the packaged pieces live relative to the app folder (or app.asar), in development and when packaged.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPaths {
  readonly rendererDir: string;
  readonly preloadPath: string;
  readonly workerUrl: URL;
}

/**
 * The engine worker is CommonJS so that it can run from inside app.asar: Electron sets up asar support in worker threads
 * (since Electron 18, electron/electron#33216) for require(), not for Node's ESM loader. Inside the archive it is covered
 * by the asar integrity check (macOS and Windows; Electron does not check asar integrity on Linux). The Linux packages
 * unpack it (electron-builder.yml), since there the archive gives no integrity guarantee to keep; when an unpacked copy
 * exists it is used.
 */
export function appPaths(appPath: string, exists: (file: string) => boolean = existsSync): AppPaths {
  const worker = path.join('dist', 'main', 'engine', 'worker.cjs');
  const unpacked = path.join(appPath.replace(/app\.asar$/, 'app.asar.unpacked'), worker);
  return {
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    preloadPath: path.join(appPath, 'dist', 'main', 'preload', 'preload.cjs'),
    workerUrl: pathToFileURL(appPath.endsWith('app.asar') && exists(unpacked) ? unpacked : path.join(appPath, worker)),
  };
}
