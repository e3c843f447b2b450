// Checks before each write that the library folder and its lock are still this instance's; re-locks a replaced folder.
import { mkdir } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.ts';
import { acquireLibraryLock, LibraryLockedError } from './libraryLock.ts';
import type { LibraryLock, LockOptions } from './libraryLock.ts';
import type { LibraryLayout } from './libraryPaths.ts';

export class LockGuard {
  readonly #layout: LibraryLayout;
  readonly #options: LockOptions;
  readonly #onNote: (note: string) => void;
  #lock: LibraryLock;
  /** Writes that start together share one check (a sync writes many documents at once). */
  #checking: Promise<void> | undefined;

  constructor(layout: LibraryLayout, lock: LibraryLock, options: LockOptions, onNote: (note: string) => void) {
    this.#layout = layout;
    this.#lock = lock;
    this.#options = options;
    this.#onNote = onNote;
  }

  /**
   * Resolves when this instance may write. A folder replaced under the same path (moved away, restored from a backup)
   * or a lock file that is no longer ours is locked again if it is free; if another instance holds it, this throws
   * CONFLICT, so two instances never write the same path.
   */
  ensure(): Promise<void> {
    this.#checking ??= this.#check().finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  release(): Promise<void> {
    return this.#lock.release();
  }

  async #check(): Promise<void> {
    const state = await this.#lock.check();
    if (state === 'held') return;
    const what = state === 'folderReplaced' ? 'was replaced' : 'lost its lock file';
    let lock: LibraryLock;
    try {
      await mkdir(this.#layout.machinesDir, { recursive: true });
      await mkdir(this.#layout.quarantineDir, { recursive: true });
      lock = await acquireLibraryLock(this.#layout.lockFile, { ...this.#options, previousContent: this.#lock.content });
    } catch (error) {
      const holder = error instanceof LibraryLockedError && error.owner ? ` and another Virtlab (pid ${error.owner.pid}) now uses it` : '';
      const reason = error instanceof LibraryLockedError ? '' : ` (${error instanceof Error ? error.message : String(error)})`;
      throw new AppError(
        'CONFLICT',
        `The library folder ${this.#layout.root} ${what} while Virtlab was running${holder}${reason}; changes are not saved there. ` +
          'Close the other instance or restart Virtlab.',
      );
    }
    this.#lock = lock;
    this.#onNote(`The library folder ${this.#layout.root} ${what} while Virtlab was running; it was locked again and saving goes on there.${lock.note ? ` ${lock.note}` : ''}`);
  }
}
