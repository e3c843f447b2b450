// The esbuild bundles: the sandboxed preload needs only electron, main keeps electron external, the worker is ESM.
import { isBuiltin } from 'node:module';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Imported by URL: the config belongs to the tools project, not to main's TypeScript project.
const configUrl = new URL('../esbuild.config.ts', import.meta.url).href;
const { bundles } = (await import(configUrl)) as { bundles: BuildOptions[] };

async function bundleText(outfile: string): Promise<string> {
  const options = bundles.find((b) => b.outfile === outfile);
  if (!options) throw new Error(`no bundle for ${outfile}`);
  const result = await build({ ...options, write: false, sourcemap: false, logLevel: 'silent' });
  const file = result.outputFiles.find((f) => f.path.endsWith(outfile.split('/').pop()!));
  return file!.text;
}

const requiredModules = (code: string): string[] => [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();

describe('esbuild bundles', () => {
  it('bundles the preload so that it requires nothing but electron', async () => {
    const code = await bundleText('dist/main/preload/preload.cjs');
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).toContain('app:event');
  });

  it('bundles the main process as CommonJS with electron external and no engine code', async () => {
    const code = await bundleText('dist/main/electron/main.cjs');
    expect(requiredModules(code)).toContain('electron');
    // Only Node built-ins besides electron (tar-stream's dependencies spell some without "node:"); no package is left outside.
    expect(requiredModules(code).filter((m) => m !== 'electron' && !isBuiltin(m))).toEqual([]);
    // The engine is reached only through the worker file, never bundled into main.
    expect(code).not.toContain('Engine crashed on request');
  });

  it('bundles the engine worker as CommonJS (loadable from inside app.asar)', async () => {
    const code = await bundleText('dist/main/engine/worker.cjs');
    expect(requiredModules(code)).toContain('node:worker_threads');
    expect(code).not.toContain('require("electron")');
  });
});

describe('the CLI bundle', () => {
  it('is ESM for Node 20 with every package inside it: only Node built-ins are imported', async () => {
    const code = await bundleText('dist/cli/virtlab.mjs');
    expect(code.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // esbuild's own record of what stayed outside the bundle.
    const options = bundles.find((b) => b.outfile === 'dist/cli/virtlab.mjs')!;
    const { metafile } = await build({ ...options, write: false, sourcemap: false, logLevel: 'silent', metafile: true });
    const external = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
    expect(external.length).toBeGreaterThan(0);
    // ws tries these optional native speed-ups inside try/catch and works without them.
    const optional = ['bufferutil', 'utf-8-validate'];
    expect(external.filter((name) => !isBuiltin(name) && !optional.includes(name))).toEqual([]);
  });
});
