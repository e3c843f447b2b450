// Runs cluster operations step by step: one migration at a time per operation, power-offs and HA restarts in between.
import { AppError } from '../../shared/errors.ts';
import type { ClusterOperation, Migration, OperationKind } from '../../shared/domain/datacenter.ts';
import { formatMs } from '../sim/formatMs.ts';
import type { ChangeTracker } from './changeTracker.ts';
import type { ClusterRec } from './clusterConfig.ts';
import { pinReason, plannedDemand } from './consolidation.ts';
import type { DcContext } from './datacenterContext.ts';
import { restartGuest } from './highAvailability.ts';
import { chooseTarget } from './migrationPlanning.ts';
import { OperationRun } from './operations.ts';
import type { OpStep } from './operations.ts';

/** Finished operations kept for views. */
const keepFinished = 20;

export class OperationRunner {
  readonly #ctx: DcContext;
  readonly #changes: () => ChangeTracker;
  readonly #ops: OperationRun[] = [];
  #nextId = 1;

  constructor(ctx: DcContext, changes: () => ChangeTracker) {
    this.#ctx = ctx;
    this.#changes = changes;
  }

  /** Starts an operation; `intro` writes its first log lines (the plan) before any step runs. */
  start(kind: OperationKind, scope: { clusterId?: string; hostId?: string }, steps: OpStep[], intro?: (op: OperationRun) => void): OperationRun {
    const op = new OperationRun(`op-${this.#nextId++}`, kind, scope, steps, this.#ctx.world.nowMs);
    intro?.(op);
    this.#ops.push(op);
    const finished = this.#ops.filter((o) => !o.running);
    if (finished.length > keepFinished) this.#ops.splice(this.#ops.indexOf(finished[0]!), 1);
    this.advance();
    return op;
  }

  running(kind: OperationKind, scope: { clusterId?: string; hostId?: string }): boolean {
    return this.#ops.some((op) => op.running && op.view.kind === kind && (scope.clusterId === undefined || op.view.clusterId === scope.clusterId) && (scope.hostId === undefined || op.view.hostId === scope.hostId));
  }

  list(): ClusterOperation[] {
    return this.#ops.map((op) => op.snapshot());
  }

  takeChanged(): ClusterOperation[] {
    const changed = this.#ops.filter((op) => op.changed);
    for (const op of changed) op.changed = false;
    return changed.map((op) => op.snapshot());
  }

  /** Evacuates a host entering maintenance: every guest moves to the least-loaded host that takes it, or is listed with why not. */
  evacuate(hostId: string, cluster: ClusterRec | undefined): OperationRun {
    const world = this.#ctx.world;
    const scope = (cluster?.hostIds ?? world.hostIds()).filter((id) => id !== hostId);
    const steps: OpStep[] = [];
    const pinned: { id: string; why: string }[] = [];
    for (const machineId of world.cluster.guestsOn(hostId)) {
      const why = pinReason(this.#ctx, machineId);
      if (why) pinned.push({ id: machineId, why });
      else steps.push({ kind: 'migrate', machineId, hostIds: scope, reason: 'maintenance' });
    }
    const op = new OperationRun(`op-${this.#nextId++}`, 'maintenance', cluster ? { clusterId: cluster.id, hostId } : { hostId }, steps, world.nowMs);
    op.view.total += pinned.length;
    op.log(`"${world.host(hostId)!.name}" entered maintenance: evacuating ${steps.length} guest${steps.length === 1 ? '' : 's'}`);
    for (const { id, why } of pinned) {
      op.problem(world.guest(id).name, `cannot leave: ${why}`, id);
      op.stepDone();
    }
    this.#ops.push(op);
    this.advance();
    return op;
  }

  /** Leaving maintenance drops the evacuation steps not yet started. */
  stopEvacuation(hostId: string): void {
    for (const op of this.#ops) {
      if (!op.running || op.view.kind !== 'maintenance' || op.view.hostId !== hostId) continue;
      if (op.steps.length > 0) op.log(`Left maintenance: ${op.steps.length} guest${op.steps.length === 1 ? '' : 's'} not moved`);
      op.steps.length = 0;
      op.settle(this.#ctx.world.nowMs);
    }
  }

  /** A migration ended: the operation waiting for it logs the outcome and goes on. */
  migrationEnded(m: Migration): void {
    const op = this.#ops.find((o) => o.waitingFor === m.id);
    if (!op) return;
    const world = this.#ctx.world;
    if (m.phase === 'done') {
      const downtime = m.method === 'cold' ? 'cold move' : `downtime ${formatMs(m.downtimeMs ?? 0)}`;
      op.log(`"${m.machineName}" moved to "${world.host(m.toHostId)!.name}" in ${formatMs(m.totalMs ?? 0)} (${downtime})`);
    } else op.problem(m.machineName, `migration ${m.phase}: ${m.message ?? ''}`, m.machineId);
    op.waitingFor = undefined;
    op.stepDone();
    this.advance();
  }

  /** Runs every operation's next steps until each waits for a migration or has none left. */
  advance(): void {
    for (const op of this.#ops) {
      while (op.running && op.waitingFor === undefined && op.steps.length > 0) this.#runStep(op, op.steps.shift()!);
      op.settle(this.#ctx.world.nowMs);
    }
  }

  #runStep(op: OperationRun, step: OpStep): void {
    const ctx = this.#ctx;
    const world = ctx.world;
    try {
      if (step.kind === 'powerOff') {
        world.cluster.setHostPower(step.hostId, 'off');
        this.#changes().hosts.add(step.hostId);
        op.log(`"${world.host(step.hostId)!.name}" powered off`);
      } else if (!world.has(step.machineId)) {
        op.problem(step.machineId, 'was deleted meanwhile');
      } else if (step.kind === 'restart') {
        op.log(restartGuest(ctx, ctx.cluster(op.view.clusterId!), step.machineId));
      } else {
        let platformId = step.platformId;
        if (platformId === undefined) {
          const demand = plannedDemand(ctx, step.machineId, 90);
          const choice = chooseTarget(ctx, step.machineId, step.hostIds ?? world.hostIds(), demand);
          if ('why' in choice) throw new AppError('INSUFFICIENT_RESOURCES', `no host takes it: ${choice.why}`);
          platformId = choice.platformId;
        }
        const migration = ctx.startMigration(step.machineId, platformId, { reason: step.reason });
        op.waitingFor = migration.id;
        op.log(`Moving "${migration.machineName}" to "${world.host(migration.toHostId)!.name}"`);
        return;
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const name = step.kind === 'powerOff' ? world.host(step.hostId)!.name : world.has(step.machineId) ? world.guest(step.machineId).name : step.machineId;
      op.problem(name, error.message, step.kind === 'powerOff' ? undefined : step.machineId);
    }
    op.stepDone();
  }
}
