// In-flight engine requests of one worker: resolves replies by id, enforces per-request timeouts.
import { AppError, toAppErrorData } from '../../shared/errors.ts';
import type { AppErrorData } from '../../shared/errors.ts';

interface Pending {
  readonly command: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: AppError) => void;
  readonly timer: NodeJS.Timeout;
}

export class PendingRequests {
  readonly #pending = new Map<number, Pending>();

  get size(): number {
    return this.#pending.size;
  }

  /** Registers request `id`; the promise settles on its reply, on timeout, or when the worker dies. */
  track(id: number, command: string, timeoutMs: number): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        const seconds = timeoutMs >= 1000 ? `${(timeoutMs / 1000).toFixed(1)} s` : `${timeoutMs} ms`;
        reject(new AppError('TIMEOUT', `The simulation engine did not answer "${command}" within ${seconds}; try again.`));
      }, timeoutMs);
      // Pending engine calls should never keep a shutting-down process alive.
      timer.unref();
      this.#pending.set(id, { command, resolve, reject, timer });
    });
  }

  /** Settles request `id` from a worker reply; returns false for unknown ids (late replies after a timeout). */
  settle(id: number, reply: { ok: true; value: unknown } | { ok: false; error: AppErrorData }): boolean {
    const pending = this.#pending.get(id);
    if (!pending) return false;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    if (reply.ok) pending.resolve(reply.value);
    // The worker is our code, but its error payload still crosses a boundary: normalise it.
    else pending.reject(AppError.fromData(toAppErrorData(reply.error)));
    return true;
  }

  /** Rejects every in-flight request with the same error (the worker they were sent to is gone). */
  rejectAll(error: AppError): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }
}
