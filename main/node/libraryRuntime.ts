// Opens a machine library and runs the engine and backend on it: restores machines at start, saves every change.
import { access } from 'node:fs/promises';
import type { LibraryStatus } from '../../shared/domain/library.ts';
import { EngineHost } from './engineHost.ts';
import { BackendService } from './backendService.ts';
import { ChangeWriter } from './library/changeWriter.ts';
import { MachineLibrary } from './library/machineLibrary.ts';
import { LibraryStatusTracker, problemInfo } from './library/libraryStatusTracker.ts';
import { openManagerLedger } from './ledger/managerLedger.ts';

export { LibraryLockedError } from './library/libraryLock.ts';

export interface LibraryRuntimeOptions {
  readonly libraryDir: string;
  readonly seed: number;
  readonly speed: number;
  readonly transport: 'electron' | 'web';
  readonly version: string;
  readonly workerUrl: URL;
  /** Where notes, problems and save failures go; stderr by default. */
  readonly log?: (line: string) => void;
  /** Real milliseconds between saves of usage, telemetry history and the clock. */
  readonly checkpointMs?: number;
}

/** Often enough that a crash loses little history, seldom enough that a thousand running machines cost little. */
export const defaultCheckpointMs = 60_000;

export interface LibraryRuntime {
  readonly engine: EngineHost;
  readonly backend: BackendService;
  readonly library: MachineLibrary;
  status(): LibraryStatus;
  /** Waits until everything changed so far is on disk; rejects with the save error if the last save failed. */
  flush(): Promise<void>;
  /** Saves, stops the engine and the backend, and releases the library's lock; safe to call twice. */
  close(): Promise<void>;
}

/**
 * A failure as one stable line: a file system error by its code and meaning ("ENOSPC: no space left on device"), not
 * the temporary path of one attempt, so retries of the same failure read the same.
 */
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const meaning = /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1];
  return code !== undefined && meaning !== undefined ? `${code}: ${meaning}` : error.message;
};

/** Throws LibraryLockedError (code CONFLICT) when another instance has the folder, naming the folder and its pid. */
export async function openLibraryRuntime(options: LibraryRuntimeOptions): Promise<LibraryRuntime> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const library = await MachineLibrary.open(options.libraryDir);
  let engine: EngineHost | undefined;
  try {
    const inventoryMissing = await access(library.layout.inventoryFile).then(() => false, () => true);
    const loaded = await library.load();
    log(`[library] ${library.dir}: ${loaded.machines.length} machine${loaded.machines.length === 1 ? '' : 's'} loaded`);
    for (const note of loaded.notes) log(`[library] ${note}`);
    for (const problem of loaded.problems) log(`[library] ${problem.message}`);
    const tracker = new LibraryStatusTracker({
      dir: library.dir,
      loadedMachines: loaded.machines.length,
      problems: loaded.problems.map(problemInfo),
      notes: loaded.notes,
    });
    const ledger = await openManagerLedger(library.dir, log);
    const writer = new ChangeWriter(library, {
      onOutcome: (error, unsaved) => {
        const message = error === undefined ? undefined : `Changes could not be saved to the library ${library.dir}: ${describe(error)}`;
        if (message !== undefined && message !== tracker.saveError) log(`[library] ${message} (${unsaved} waiting; retrying)`);
        if (message === undefined && tracker.saveError !== undefined) log(`[library] saving works again`);
        tracker.setSaveError(message, unsaved);
      },
    });
    const started = new EngineHost({
      workerUrl: options.workerUrl,
      seed: options.seed,
      speed: options.speed,
      machines: loaded.machines,
      startMs: ledger.startMs,
      log,
      persist: (changes) => writer.persist(changes),
    });
    engine = started;
    await started.start();
    const refused = started.skippedAtStart().map((record) => {
      library.keepUnloaded(record.id);
      const file = `machines/${record.id}.json`;
      const message = `${file}: machine "${record.name}" could not be restored (${record.reason}); the file was left in place and not loaded`;
      log(`[library] ${message}`);
      return { file, reason: record.reason, message, action: 'leftInPlace' as const, recoveredFromBackup: false };
    });
    tracker.addRefused(refused);
    // Rewrites documents migrated from an older version (nothing else has changed yet, so nothing else is written).
    const outdated = library.outdated(started.records());
    if (outdated.length > 0) void writer.persist({ records: outdated, removed: [] });
    if (inventoryMissing) {
      await saveInventoryPlaceholders(started, library).catch((error: unknown) => {
        const message = `The library's inventory could not be saved to ${library.dir}: ${describe(error)}`;
        log(`[library] ${message}`);
        tracker.setSaveError(message);
      });
    }
    const backend = new BackendService({ engine: started, transport: options.transport, version: options.version, log, library: tracker, ledger });
    // The journal writes itself; usage, history and the clock are saved now and then, and on close.
    const checkpoints = setInterval(() => void ledger.checkpoint(started.status().simTimeMs), options.checkpointMs ?? defaultCheckpointMs);
    checkpoints.unref();
    let closing: Promise<void> | undefined;
    return {
      engine: started,
      backend,
      library,
      status: () => tracker.status(),
      flush: () => writer.flush(),
      close: () => {
        closing ??= (async () => {
          let saveFailure: unknown;
          await writer.flush().catch((error: unknown) => (saveFailure = error));
          writer.dispose();
          clearInterval(checkpoints);
          await ledger.close(started.status().simTimeMs).catch((error: unknown) => log(`[library] could not save the event log and history: ${String(error)}`));
          backend.dispose();
          await started.stop();
          await library.close();
          if (saveFailure !== undefined) throw saveFailure;
        })();
        return closing;
      },
    };
  } catch (error) {
    await engine?.stop();
    await library.close();
    throw error;
  }
}

/** The inventory's hosts and networks are not editable yet; record what exists so the file documents the library. */
async function saveInventoryPlaceholders(engine: EngineHost, library: MachineLibrary): Promise<void> {
  const [hosts, networks] = await Promise.all([engine.request('listHosts', {}), engine.request('listNetworks', {})]);
  await library.saveInventory({
    hosts: hosts.map((host) => ({ id: host.id, name: host.name })),
    networks: networks.map((network) => ({ id: network.id, name: network.name })),
    groups: [],
    settings: {},
  });
}
