// Bundles the Electron main process, the sandboxed preload, the engine worker and the `virtlab` CLI (run: node esbuild.config.ts [--release]).
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** A release build (npm run dist, npm pack) ships no source maps; development builds keep them for stack traces. */
export const isRelease = (argv: readonly string[]): boolean => argv.includes('--release');

// Electron 45 ships Node 22; bundling for it lets esbuild keep modern syntax as is. Exported for the engine benchmark,
// which measures the engine bundled exactly as it ships.
export const nodeBundleOptions: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
};

// The CLI runs on the user's Node (>= 20, package.json engines). Its dependencies (zod, ws, tar-stream, fast-xml-parser)
// are bundled, so `npm install -g` of the package needs none; CommonJS ones get a real `require` for Node built-ins.
const version = (JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string }).version;

const cli: BuildOptions = {
  ...nodeBundleOptions,
  target: 'node20',
  format: 'esm',
  // The version is built in: the desktop app's resources/cli has no package.json beside it.
  define: { __VIRTLAB_VERSION__: JSON.stringify(version) },
  banner: { js: "import { createRequire as __virtlabRequire } from 'node:module'; const require = __virtlabRequire(import.meta.url);" },
};

export const cliOutfile = 'dist/cli/virtlab.mjs';

export const bundles: BuildOptions[] = [
  { ...nodeBundleOptions, entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron/main.cjs', format: 'cjs', external: ['electron'] },
  // A sandboxed preload may only require('electron'); everything else must be inside the bundle.
  { ...nodeBundleOptions, entryPoints: ['main/preload/preload.ts'], outfile: 'dist/main/preload/preload.cjs', format: 'cjs', external: ['electron'] },
  // CommonJS, so Electron can load it from inside app.asar (its asar support in worker threads covers require(), not
  // the ESM loader); see main/electron/appPaths.ts.
  { ...nodeBundleOptions, entryPoints: ['engine/worker.ts'], outfile: 'dist/main/engine/worker.cjs', format: 'cjs' },
  { ...cli, entryPoints: ['main/cli/virtlab.ts'], outfile: cliOutfile },
  // The CLI's own engine worker, next to it (main/cli/engineWorkerUrl.ts finds it there).
  { ...cli, entryPoints: ['engine/worker.ts'], outfile: 'dist/cli/worker.mjs' },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const release = isRelease(process.argv);
  // Nothing stale (an old worker name, last build's source maps) may reach a package.
  await Promise.all(['dist/main', 'dist/cli'].map((dir) => rm(`${root}/${dir}`, { recursive: true, force: true })));
  await Promise.all(bundles.map((options) => build({ ...options, sourcemap: release ? false : options.sourcemap })));
  await chmod(`${root}/${cliOutfile}`, 0o755);
  process.stdout.write(`Bundled ${bundles.map((b) => b.outfile).join(', ')}${release ? ' (release, no source maps)' : ''}\n`);
}
