// Bundles the Electron main process, the sandboxed preload and the engine worker into dist/main (run: node esbuild.config.ts).
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Electron 45 ships Node 22; bundling for it lets esbuild keep modern syntax as is.
const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
};

export const bundles: BuildOptions[] = [
  { ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron/main.cjs', format: 'cjs', external: ['electron'] },
  // A sandboxed preload may only require('electron'); everything else must be inside the bundle.
  { ...common, entryPoints: ['main/preload/preload.ts'], outfile: 'dist/main/preload/preload.cjs', format: 'cjs', external: ['electron'] },
  { ...common, entryPoints: ['engine/worker.ts'], outfile: 'dist/main/engine/worker.mjs', format: 'esm' },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all(bundles.map((options) => build(options)));
  process.stdout.write(`Bundled ${bundles.map((b) => b.outfile).join(', ')}\n`);
}
