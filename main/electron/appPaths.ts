// Where the packaged pieces live relative to the app folder (or app.asar), in development and when packaged.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPaths {
  readonly rendererDir: string;
  readonly preloadPath: string;
  readonly workerUrl: URL;
}

export function appPaths(appPath: string): AppPaths {
  // Worker threads cannot load a script from inside app.asar; electron-builder unpacks the engine next to it.
  const unpacked = appPath.replace(/app\.asar$/, 'app.asar.unpacked');
  return {
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    preloadPath: path.join(appPath, 'dist', 'main', 'preload', 'preload.cjs'),
    workerUrl: pathToFileURL(path.join(unpacked, 'dist', 'main', 'engine', 'worker.mjs')),
  };
}
