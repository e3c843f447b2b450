// Opens a machine library and runs the engine and backend on it: restores machines at start, saves every change.
import type { LibraryStatus } from '../../shared/domain/library.ts';
import { removeOrphanedUploadFolders } from './appliance/orphanedUploads.ts';
import { EngineHost } from './engineHost.ts';
import { BackendService } from './backendService.ts';
import type { EngineChanges } from '../../shared/engine/protocol.ts';
import { ChangeWriter } from './library/changeWriter.ts';
import { ApplicationDocuments } from './library/applicationDocuments.ts';
import type { ApplicationRecord } from '../../shared/domain/applicationRecord.ts';
import { logToStderr } from './logText.ts';
import { MachineLibrary } from './library/machineLibrary.ts';
import { engineInventoryOf, inventoryPartsOf } from './library/inventoryParts.ts';
import type { Inventory } from './library/documentSchemas.ts';
import type { EngineInventory } from '../../shared/domain/engineInventory.ts';
import { engineInventorySchema } from '../../shared/domain/engineInventory.ts';
import { LibraryStatusTracker, problemInfo } from './library/libraryStatusTracker.ts';
import { datacenterSettingsSchema } from '../../shared/domain/datacenter.ts';
import { inMemoryLedger, openManagerLedger } from './ledger/managerLedger.ts';

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
  /**
   * Reads the library without locking it and never writes (a read-only folder, or one another instance holds):
   * for looking and exporting only; changes made through the API are not saved.
   */
  readonly readOnly?: boolean;
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
  const log = options.log ?? logToStderr;
  const orphans = await removeOrphanedUploadFolders().catch((error: unknown) => {
    log(`[import] could not look for upload folders left behind: ${describe(error)}`);
    return [];
  });
  if (orphans.length > 0) log(`[import] removed ${orphans.length} upload folder${orphans.length === 1 ? '' : 's'} left by Virtlab processes that are gone`);
  const library = options.readOnly
    ? await MachineLibrary.openReadOnly(options.libraryDir)
    : await MachineLibrary.open(options.libraryDir, { onNote: (note) => log(`[library] ${note}`) });
  let engine: EngineHost | undefined;
  try {
    const loaded = await library.load();
    // Applications are kept in applications/ next to machines/, under the same lock.
    const applicationDocuments = new ApplicationDocuments(library.dir);
    const apps = await applicationDocuments.load();
    const appCount = apps.applications.length > 0 ? `, ${apps.applications.length} application${apps.applications.length === 1 ? '' : 's'}` : '';
    log(`[library] ${library.dir}: ${loaded.machines.length} machine${loaded.machines.length === 1 ? '' : 's'} loaded${appCount}`);
    const engineInventory = engineInventoryOf(loaded.inventory);
    for (const note of [...loaded.notes, ...engineInventory.notes, ...apps.notes]) log(`[library] ${note}`);
    for (const problem of [...loaded.problems, ...apps.problems]) log(`[library] ${problem.message}`);
    const tracker = new LibraryStatusTracker({
      dir: library.dir,
      loadedMachines: loaded.machines.length,
      problems: [...loaded.problems, ...apps.problems].map(problemInfo),
      notes: [...loaded.notes, ...engineInventory.notes, ...apps.notes],
    });
    // A read-only library is never written to: its journal and clock stay as they are.
    const ledger = library.readOnly ? inMemoryLedger() : await openManagerLedger(library.dir, log);
    // The data center's settings live in the inventory; unreadable ones are reported and the defaults used.
    const savedSettings = datacenterSettingsSchema.safeParse(loaded.inventory.settings['datacenter']);
    if (loaded.inventory.settings['datacenter'] !== undefined && !savedSettings.success) {
      log(`[library] inventory.json: the data-center settings could not be read (${savedSettings.error.issues[0]?.message ?? 'invalid'}); the defaults are used`);
    }
    // Each writer reports its own outcome; the status shows a failure while either has one.
    const failures: Record<'machines' | 'applications', { message: string | undefined; unsaved: number }> = { machines: { message: undefined, unsaved: 0 }, applications: { message: undefined, unsaved: 0 } };
    const outcome = (which: 'machines' | 'applications') => (error: unknown, unsaved: number) => {
      const message = error === undefined ? undefined : `Changes could not be saved to the library ${library.dir}: ${describe(error)}`;
      const before = failures.machines.message ?? failures.applications.message;
      failures[which] = { message, unsaved };
      const now = failures.machines.message ?? failures.applications.message;
      if (now !== undefined && now !== before) log(`[library] ${now} (${failures.machines.unsaved + failures.applications.unsaved} waiting; retrying)`);
      if (now === undefined && before !== undefined) log(`[library] saving works again`);
      tracker.setSaveError(now, failures.machines.unsaved + failures.applications.unsaved);
    };
    const writer = new ChangeWriter(library, { onOutcome: outcome('machines') });
    const applicationWriter = new ChangeWriter<ApplicationRecord>(
      { saveMachine: (record) => applicationDocuments.saveApplication(record), removeMachine: (id) => applicationDocuments.removeApplication(id) },
      { onOutcome: outcome('applications') },
    );
    const started = new EngineHost({
      workerUrl: options.workerUrl,
      seed: options.seed,
      speed: options.speed,
      machines: loaded.machines,
      applications: apps.applications,
      startMs: ledger.startMs,
      ...(engineInventory.inventory ? { inventory: engineInventory.inventory } : {}),
      ...(savedSettings.success ? { datacenter: savedSettings.data } : {}),
      log,
      // A read-only library (listing, showing, exporting without the lock) saves nothing.
      ...(library.readOnly
        ? {}
        : {
            persist: async (changes: EngineChanges) => {
              const applications = { records: changes.applicationRecords ?? [], removed: changes.removedApplications ?? [] };
              await Promise.all([
                changes.records.length + changes.removed.length > 0 || changes.inventory || changes.datacenterSettings ? writer.persist(changes) : undefined,
                applications.records.length + applications.removed.length > 0 ? applicationWriter.persist(applications) : undefined,
              ]);
            },
          }),
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
    if (!library.readOnly) {
      const outdated = library.outdated(started.records());
      if (outdated.length > 0) void writer.persist({ records: outdated, removed: [] });
    }
    // A new library (or one from before networks were managed) gets the engine's defaults and its hosts written down; a
    // restore that left something out (a platform whose machine is gone) is written too, so the file says what the engine has.
    if (!library.readOnly) {
      await reconcileInventory(started, library, loaded.inventory, engineInventory.inventory).catch((error: unknown) => {
        const message = `The library's inventory could not be saved to ${library.dir}: ${describe(error)}`;
        log(`[library] ${message}`);
        tracker.setSaveError(message);
      });
    }
    const backend = new BackendService({
      engine: started,
      transport: options.transport,
      version: options.version,
      log,
      library: tracker,
      ledger,
      ...(library.readOnly ? {} : { beginImport: (ids: readonly string[]) => library.beginImport(ids) }),
    });
    // The journal writes itself; usage, history and the clock are saved now and then, and on close.
    const checkpoints = setInterval(() => void ledger.checkpoint(started.status().simTimeMs), options.checkpointMs ?? defaultCheckpointMs);
    checkpoints.unref();
    let closing: Promise<void> | undefined;
    return {
      engine: started,
      backend,
      library,
      status: () => tracker.status(),
      flush: async () => {
        await writer.flush();
        await applicationWriter.flush();
      },
      close: () => {
        closing ??= (async () => {
          let saveFailure: unknown;
          await writer.flush().catch((error: unknown) => (saveFailure = error));
          await applicationWriter.flush().catch((error: unknown) => (saveFailure ??= error));
          writer.dispose();
          applicationWriter.dispose();
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

/** Writes inventory.json when what the engine started with differs from the file (both in the schema's canonical form). */
async function reconcileInventory(engine: EngineHost, library: MachineLibrary, inventory: Inventory, loaded: EngineInventory | undefined): Promise<void> {
  const current = engineInventorySchema.parse(await engine.request('getInventory', {}));
  const hostsMissing = inventory.hosts.length === 0;
  if (!hostsMissing && JSON.stringify(current) === JSON.stringify(loaded)) return;
  // Hosts are not editable yet; listing them lets the file document the library.
  const hosts = hostsMissing ? (await engine.request('listHosts', {})).map((host) => ({ id: host.id, name: host.name })) : inventory.hosts;
  await library.saveInventory({ ...inventory, hosts, ...inventoryPartsOf(current) });
}

