// `npm start` target: runs the Electron app when an Electron binary exists here, otherwise web mode in this process.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const defaultProjectRoot = fileURLToPath(new URL('..', import.meta.url));

export const webFallbackNotice = 'Electron binary not available on this machine; starting web mode instead.';

/**
 * Finds the Electron executable the way the `electron` package would, but without importing it:
 * importing it tries to download the binary when it is missing.
 */
export function findElectronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const electronDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  let candidate: string | null = null;
  if (override) candidate = path.join(override, relative || 'electron');
  else if (relative) candidate = path.join(electronDir, 'dist', relative);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`Could not open a browser; open ${url} yourself.\n`));
  child.unref();
}

export interface LaunchOptions {
  readonly projectRoot?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Resolves with Electron's exit code (1 if it cannot start), or with undefined once web mode is serving. */
export async function launch(argv: readonly string[], options: LaunchOptions = {}): Promise<number | undefined> {
  const projectRoot = options.projectRoot ?? defaultProjectRoot;
  const open = argv.includes('--open');
  const rest = argv.filter((arg) => arg !== '--open');
  const electron = findElectronBinary(projectRoot, options.env);

  if (electron) {
    if (!existsSync(path.join(projectRoot, 'dist', 'main', 'electron', 'main.cjs'))) {
      process.stderr.write('The Electron bundle is missing: run `npm run build` first (npm start does this for you).\n');
      return 1;
    }
    const child = spawn(electron, [projectRoot, ...rest], { stdio: 'inherit', env: options.env ?? process.env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    return new Promise((resolve) => {
      child.on('error', (error) => {
        process.stderr.write(`Could not start Electron (${electron}): ${error.message}\n`);
        resolve(1);
      });
      child.on('exit', (code, signal) => {
        process.off('SIGINT', forward);
        process.off('SIGTERM', forward);
        resolve(code ?? (signal ? 1 : 0));
      });
    });
  }

  process.stdout.write(`${webFallbackNotice}\n`);
  // Loaded only now: the Electron path needs none of the web server.
  const { runWebModeCli } = await import('./node/webMain.ts');
  // `npm start` has just bundled the engine worker, so web mode runs the engine Electron would run (the .ts worker is
  // slower: see bench/engineThroughput.bench.ts).
  const bundledWorker = path.join(projectRoot, 'dist', 'main', 'engine', 'worker.cjs');
  const mode = await runWebModeCli(rest, existsSync(bundledWorker) ? { workerUrl: pathToFileURL(bundledWorker) } : {});
  if (mode && open) openInBrowser(mode.url);
  return undefined;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const code = await launch(process.argv.slice(2));
  if (code !== undefined) process.exit(code);
}
