// Long exports and imports outside the window: taskbar/dock progress while they run, a notification when one ends unseen.
import type { OperationProgress } from '../../shared/domain/appliance.ts';

/** The calls that report progress, and how a person names them. */
const operationNames: Readonly<Record<string, string>> = { exportMachines: 'Export', readImport: 'Import check', commitImport: 'Import' };

/** An operation shorter than this ends before anyone looks away; only longer ones notify. */
export const notifyAfterMs = 3000;

export interface FeedbackTarget {
  /** BrowserWindow.setProgressBar: 0..1, or -1 to remove the bar. */
  setProgressBar(fraction: number): void;
  isFocused(): boolean;
  notify(title: string, body: string): void;
  now(): number;
}

interface Running {
  readonly method: string;
  readonly startedAt: number;
  fraction: number;
  step: string;
}

export class OperationFeedback {
  readonly #target: FeedbackTarget;
  readonly #running = new Map<string, Running>();

  constructor(target: FeedbackTarget) {
    this.#target = target;
  }

  /** True for calls that carry an operationId the backend reports progress for. */
  static tracks(method: string, input: unknown): input is { operationId: string } {
    return method in operationNames && typeof (input as { operationId?: unknown } | null)?.operationId === 'string';
  }

  started(operationId: string, method: string): void {
    this.#running.set(operationId, { method, startedAt: this.#target.now(), fraction: 0, step: '' });
    this.#show();
  }

  progress(progress: OperationProgress): void {
    const running = this.#running.get(progress.operationId);
    if (!running) return;
    running.fraction = progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
    running.step = progress.step;
    this.#show();
  }

  finished(operationId: string, outcome: { ok: true } | { ok: false; message: string }): void {
    const running = this.#running.get(operationId);
    if (!running) return;
    this.#running.delete(operationId);
    this.#show();
    if (this.#target.isFocused() || this.#target.now() - running.startedAt < notifyAfterMs) return;
    const name = operationNames[running.method] ?? 'Operation';
    if (outcome.ok) this.#target.notify(`${name} finished`, running.step || `${name} is done.`);
    else this.#target.notify(`${name} failed`, outcome.message);
  }

  /** One bar for everything running: the average of their fractions; none when nothing runs. */
  #show(): void {
    const all = [...this.#running.values()];
    this.#target.setProgressBar(all.length === 0 ? -1 : all.reduce((sum, op) => sum + op.fraction, 0) / all.length);
  }
}
