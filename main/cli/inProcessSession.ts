// Opens the library in this process (its own engine worker and backend) and hands out the AppApi of one client.
import { readFileSync } from 'node:fs';
import type { OperationProgress } from '../../shared/domain/appliance.ts';
import { LibraryLockedError, openLibraryRuntime } from '../node/libraryRuntime.ts';
import type { AppApi } from '../../shared/api/methods.ts';
import { AppError } from '../../shared/errors.ts';
import { LibraryUnavailableError } from './cliErrors.ts';
import { engineWorkerUrl } from './engineWorkerUrl.ts';
import type { SessionMode } from './commandTypes.ts';

export interface BackendSession {
  readonly api: AppApi;
  readonly mode: SessionMode;
  readonly libraryDir: string;
  /** Waits until every change is saved, then lets go of the library; rejects when a save failed. */
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly libraryDir: string;
  readonly onProgress: (progress: OperationProgress) => void;
  /** Library notes worth telling (quarantined files, recovered saves), already without the "[library]" tag. */
  readonly note: (line: string) => void;
  /** The command only reads: a library that cannot be locked is opened read-only instead of refused. */
  readonly readOnly?: boolean;
}

export type OpenSession = (options: SessionOptions) => Promise<BackendSession>;

/** Set by esbuild in the bundled CLI, which may sit far from any package.json (the desktop app's resources/cli). */
declare const __VIRTLAB_VERSION__: string | undefined;

export function packageVersion(): string {
  if (typeof __VIRTLAB_VERSION__ === 'string') return __VIRTLAB_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The runtime logs a "N machines loaded" line on every open, and its housekeeping; a CLI only reports what needs
 * attention. A failed save is reported once, by close(), as the command's error: its log lines (and "saving works
 * again") would only repeat it.
 */
const routine = /^\[library\] (.*: \d+ machines? loaded|Changes could not be saved to the library .*|saving works again)$|^\[import\] removed \d+ upload folders? left by/;

/** The one error a failed save becomes: what was not saved, where, and why. */
export function saveFailure(libraryDir: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `the change was not saved to the library ${libraryDir}: ${reason}`);
}

export function lockedMessage(libraryDir: string, error: LibraryLockedError): string {
  const owner = error.owner;
  if (owner === undefined) return `The library ${libraryDir} is being opened by another Virtlab right now. Try again in a moment`;
  return (
    `The library ${libraryDir} is in use by Virtlab (pid ${owner.pid} on ${owner.hostname}, since ${owner.startedAt}). ` +
    'Close it and run the command again'
  );
}

/** Why the library cannot be opened for writing, as the CLI says it; undefined for errors that are not about that. */
function unavailableMessage(libraryDir: string, error: unknown): string | undefined {
  if (error instanceof LibraryLockedError) return lockedMessage(libraryDir, error);
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `cannot open the library ${libraryDir}: ${(error as Error).message}`;
  return undefined;
}

export const openInProcessSession: OpenSession = async ({ libraryDir, onProgress, note, readOnly }) => {
  const open = (asReadOnly: boolean) =>
    openLibraryRuntime({
      libraryDir,
      seed: 1,
      speed: 1,
      transport: 'web',
      version: packageVersion(),
      workerUrl: engineWorkerUrl(import.meta.url),
      readOnly: asReadOnly,
      log: (line) => {
        if (!routine.test(line)) note(line.replace(/^\[library\] /, ''));
      },
    });
  let runtime;
  try {
    runtime = await open(false);
  } catch (error) {
    const message = unavailableMessage(libraryDir, error);
    if (message === undefined) throw error;
    if (!readOnly) throw new LibraryUnavailableError(message);
    // Looking needs no lock: read what is saved, change nothing.
    note(`${message.replace(/\. (Close it and run the command again|Try again in a moment)$/, '')}; showing it as last saved, read-only`);
    try {
      runtime = await open(true);
    } catch (readError) {
      throw new LibraryUnavailableError(unavailableMessage(libraryDir, readError) ?? message);
    }
  }
  const opened = runtime;
  const client = opened.backend.connect((event, payload) => {
    if (event === 'operationProgress') onProgress(payload as OperationProgress);
  });
  const api = opened.backend.apiFor(client);
  return {
    api,
    mode: 'in-process',
    libraryDir,
    close: async () => {
      opened.backend.disconnect(client);
      await opened.close().catch((error: unknown) => {
        throw saveFailure(libraryDir, error);
      });
    },
  };
};
