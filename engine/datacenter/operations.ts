// Cluster operations that take time (consolidate, maintenance, HA restart): a queue of steps run one after another.
import type { ClusterOperation, MigrationReason, OperationKind } from '../../shared/domain/datacenter.ts';

export type OpStep =
  /** Move a guest; with no platform the best target among `hostIds` is chosen when the step runs. */
  | { readonly kind: 'migrate'; readonly machineId: string; readonly platformId?: string; readonly hostIds?: readonly string[]; readonly reason: MigrationReason }
  | { readonly kind: 'powerOff'; readonly hostId: string }
  | { readonly kind: 'restart'; readonly machineId: string };

/** Keeps the last lines of an operation's log. */
const maxLogLines = 200;

export class OperationRun {
  readonly view: ClusterOperation;
  readonly steps: OpStep[];
  /** The migration the current step waits for. */
  waitingFor: string | undefined;
  /** Set whenever its view changed, so the change stream carries it. */
  changed = true;

  constructor(id: string, kind: OperationKind, scope: { clusterId?: string; hostId?: string }, steps: OpStep[], nowMs: number) {
    this.steps = steps;
    this.view = { id, kind, state: 'running', startedAtMs: nowMs, done: 0, total: steps.length, log: [], problems: [] };
    if (scope.clusterId !== undefined) this.view.clusterId = scope.clusterId;
    if (scope.hostId !== undefined) this.view.hostId = scope.hostId;
  }

  get running(): boolean {
    return this.view.state === 'running';
  }

  log(line: string): void {
    this.view.log.push(line);
    if (this.view.log.length > maxLogLines) this.view.log.splice(0, this.view.log.length - maxLogLines);
    this.changed = true;
  }

  problem(name: string, why: string, machineId?: string): void {
    this.view.problems.push(machineId === undefined ? { name, why } : { machineId, name, why });
    this.log(`${name}: ${why}`);
  }

  stepDone(): void {
    this.view.done += 1;
    this.changed = true;
  }

  /** Ends it once no step is left or waited for. */
  settle(nowMs: number): void {
    if (!this.running || this.waitingFor !== undefined || this.steps.length > 0) return;
    this.view.state = 'done';
    this.view.endedAtMs = nowMs;
    this.changed = true;
  }

  snapshot(): ClusterOperation {
    return { ...this.view, log: [...this.view.log], problems: this.view.problems.map((p) => ({ ...p })) };
  }
}
