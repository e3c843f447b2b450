// The library's status as clients see it (folder, what loaded, problems, last save error), with change notifications.
import type { LibraryProblemInfo, LibraryStatus } from '../../../shared/domain/library.ts';
import { TypedEmitter } from '../typedEmitter.ts';
import type { LibraryProblem } from './recoveringReader.ts';

/** What the backend needs to answer getLibraryStatus and push `libraryStatus` events. */
export interface LibraryStatusSource {
  status(): LibraryStatus;
  onChange(listener: (status: LibraryStatus) => void): () => void;
}

/** Status of a backend without a library folder (tests, tools): nothing is saved. */
export function inMemoryLibraryStatus(): LibraryStatus {
  return { dir: '(in memory)', loadedMachines: 0, problems: [], notes: [] };
}

export function problemInfo(problem: LibraryProblem): LibraryProblemInfo {
  return { ...problem };
}

export class LibraryStatusTracker implements LibraryStatusSource {
  readonly #base: Omit<LibraryStatus, 'saveError' | 'unsavedChanges'>;
  readonly #events = new TypedEmitter<{ change: LibraryStatus }>();
  #saveError: string | undefined;
  #unsaved = 0;

  constructor(base: Omit<LibraryStatus, 'saveError' | 'unsavedChanges'>) {
    this.#base = base;
  }

  status(): LibraryStatus {
    const status: LibraryStatus = {
      dir: this.#base.dir,
      loadedMachines: this.#base.loadedMachines,
      problems: this.#base.problems.map((problem) => ({ ...problem })),
      notes: [...this.#base.notes],
    };
    if (this.#saveError !== undefined) status.saveError = this.#saveError;
    if (this.#unsaved > 0) status.unsavedChanges = this.#unsaved;
    return status;
  }

  /** Machines the engine refused at start: reported like unreadable documents, no longer counted as loaded. */
  addRefused(problems: readonly LibraryProblemInfo[]): void {
    if (problems.length === 0) return;
    this.#base.problems.push(...problems);
    this.#base.loadedMachines -= problems.length;
    this.#events.emit('change', this.status());
  }

  get saveError(): string | undefined {
    return this.#saveError;
  }

  /** Records the outcome of a save (undefined = it worked) and what still waits; listeners hear only about changes. */
  setSaveError(message: string | undefined, unsaved = 0): void {
    if (message === this.#saveError && unsaved === this.#unsaved) return;
    this.#saveError = message;
    this.#unsaved = unsaved;
    this.#events.emit('change', this.status());
  }

  onChange(listener: (status: LibraryStatus) => void): () => void {
    return this.#events.on('change', listener);
  }
}
