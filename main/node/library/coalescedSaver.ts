// Runs a save at most once at a time: requests made while one runs queue exactly one more, so bursts cost two saves.
export class CoalescedSaver {
  readonly #save: () => Promise<void>;
  readonly #onOutcome: (error: unknown) => void;
  #running: Promise<void> | undefined;
  #queued = false;
  #lastError: unknown;

  /** `onOutcome` gets undefined after a save that worked, the error after one that failed; it must not throw. */
  constructor(save: () => Promise<void>, onOutcome: (error: unknown) => void) {
    this.#save = save;
    this.#onOutcome = onOutcome;
  }

  /** Asks for a save of the current state; never waits and never throws. */
  request(): void {
    if (this.#running) {
      this.#queued = true;
      return;
    }
    this.#running = this.#loop();
  }

  /** Saves the current state and waits until no save is pending; rejects with the error of the last save if it failed. */
  async flush(): Promise<void> {
    this.request();
    while (this.#running) await this.#running;
    if (this.#lastError !== undefined) throw this.#lastError;
  }

  async #loop(): Promise<void> {
    do {
      this.#queued = false;
      try {
        await this.#save();
        this.#lastError = undefined;
      } catch (error) {
        this.#lastError = error ?? new Error('save failed');
      }
      this.#onOutcome(this.#lastError);
    } while (this.#queued);
    this.#running = undefined;
  }
}
