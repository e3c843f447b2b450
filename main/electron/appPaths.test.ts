// Packaged paths: renderer and preload inside app.asar; the engine worker unpacked when the package unpacked it (Linux).
import { describe, expect, it } from 'vitest';
import { appPaths } from './appPaths.ts';

describe('appPaths', () => {
  it('runs the worker from inside app.asar unless an unpacked copy exists', () => {
    const inside = appPaths('/opt/Virtlab/resources/app.asar', () => false);
    expect(inside.workerUrl.pathname).toBe('/opt/Virtlab/resources/app.asar/dist/main/engine/worker.cjs');
    expect(inside.preloadPath).toBe('/opt/Virtlab/resources/app.asar/dist/main/preload/preload.cjs');
    const unpacked = appPaths('/opt/Virtlab/resources/app.asar', (file) => file.includes('app.asar.unpacked'));
    expect(unpacked.workerUrl.pathname).toBe('/opt/Virtlab/resources/app.asar.unpacked/dist/main/engine/worker.cjs');
  });

  it('uses the project folder as is in development', () => {
    expect(appPaths('/work/virtlab', () => true).workerUrl.pathname).toBe('/work/virtlab/dist/main/engine/worker.cjs');
  });
});
