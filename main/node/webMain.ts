// Web-mode entry point: opens the machine library, starts the engine worker, the backend and the loopback web server; prints the URL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BackendService } from './backendService.ts';
import { CliUsageError, defaultWebPort, parseWebModeArgs, webModeUsage } from './cliArgs.ts';
import type { WebModeConfig } from './cliArgs.ts';
import type { EngineHost } from './engineHost.ts';
import { openLibraryRuntime } from './libraryRuntime.ts';
import type { LibraryRuntime } from './libraryRuntime.ts';
import { logToStderr, safeLogText } from './logText.ts';
import { startWebServer } from './webServer.ts';
import { publishEndpoint, withdrawEndpoint } from './endpointFile.ts';
import { libraryToken } from './launchToken.ts';
import type { WebServerHandle } from './webServer.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface WebModeOptions {
  /** Where the one "ready" line goes; stdout by default. */
  readonly print?: (line: string) => void;
  readonly log?: (line: string) => void;
  readonly staticDir?: string;
  readonly workerUrl?: URL;
}

export interface WebMode {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly engine: EngineHost;
  readonly backend: BackendService;
  readonly runtime: LibraryRuntime;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const isAddressInUse = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';

export async function startWebMode(config: WebModeConfig, options: WebModeOptions = {}): Promise<WebMode> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = options.log ?? logToStderr;
  // Node 22 strips the types of the .ts worker itself; in Electron the bundled worker.cjs is used instead.
  const workerUrl = options.workerUrl ?? new URL('../../engine/worker.ts', import.meta.url);
  const runtime = await openLibraryRuntime({
    libraryDir: config.libraryDir,
    seed: config.seed,
    speed: config.speed,
    transport: 'web',
    version: packageVersion(),
    workerUrl,
    log,
  });
  const { engine, backend } = runtime;
  // Opened only after the library lock is held, so two servers never race over the token file.
  let token: string;
  try {
    const stored = await libraryToken(config.libraryDir, { rotate: config.newToken });
    token = stored.token;
    if (stored.origin === 'rotated') log('[web] new web token: pages opened with the previous URL must use the new one');
  } catch (error) {
    await runtime.close().catch((closeError: unknown) => log(`[library] ${String(closeError)}`));
    throw error;
  }
  const serverOptions = {
    backend,
    token,
    staticDir: options.staticDir ?? path.join(projectRoot, 'dist', 'renderer'),
    host: config.host,
    log,
    ...(config.testHooks ? { onCrashRequest: () => engine.crash('crash requested through the test hook') } : {}),
  };
  let server: WebServerHandle;
  try {
    server = await startWebServer({ ...serverOptions, port: config.port ?? defaultWebPort });
  } catch (error) {
    if (config.port !== undefined || !isAddressInUse(error)) {
      await runtime.close().catch((closeError: unknown) => log(`[library] ${String(closeError)}`));
      throw error;
    }
    log(`[web] port ${defaultWebPort} is busy; using a free port instead`);
    server = await startWebServer({ ...serverOptions, port: 0 });
  }
  // The CLI finds the running instance through this file and goes through its API instead of refusing the locked library.
  const endpoint = { url: new URL(server.url).origin, token: server.token, pid: process.pid };
  await publishEndpoint(config.libraryDir, endpoint).catch((error: unknown) => log(`[library] could not publish the CLI endpoint: ${String(error)}`));
  print(`Virtlab web mode: ${server.url}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await withdrawEndpoint(config.libraryDir, server.token).catch((error: unknown) => log(`[library] ${String(error)}`));
      await server.close();
      await runtime.close();
    })();
    return closing;
  };
  return { url: server.url, port: server.port, token: server.token, engine, backend, runtime, close };
}

/** CLI behaviour: usage errors exit 2, start failures exit 1, SIGINT/SIGTERM shut down gracefully. */
export async function runWebModeCli(argv: readonly string[], options: WebModeOptions = {}): Promise<WebMode | undefined> {
  let config: WebModeConfig;
  try {
    config = parseWebModeArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`virtlab: ${safeLogText(error.message)}\n\n${webModeUsage}`);
    process.exitCode = 2;
    return undefined;
  }
  if (config.help) {
    process.stdout.write(webModeUsage);
    return undefined;
  }
  // Handlers go in before starting, so a signal right after the ready line still shuts down cleanly.
  let mode: WebMode | undefined;
  let signals = 0;
  const closeAndExit = (running: WebMode): void => {
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Virtlab web mode: ${safeLogText(error instanceof Error ? error.message : String(error))}\n`);
        process.exit(1);
      },
    );
  };
  const shutdown = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(1);
    process.stderr.write(`Virtlab web mode: ${signal} received, shutting down\n`);
    if (mode) closeAndExit(mode);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  try {
    mode = await startWebMode(config, options);
  } catch (error) {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    process.stderr.write(`Virtlab web mode could not start: ${safeLogText(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
    return undefined;
  }
  if (signals > 0) closeAndExit(mode);
  return mode;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) await runWebModeCli(process.argv.slice(2));
