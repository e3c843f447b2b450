// The deployment controller of one service: keeps `replicas` of its current revision, and during a rolling update adds
// new replicas within max surge and removes old ones only while at least replicas − max unavailable stay ready.
import { resolveBudget } from '../../shared/domain/applicationSpec.ts';
import type { LifecycleContext } from './replicaLifecycle.ts';
import { terminate } from './replicaLifecycle.ts';
import type { AppRec, ReplicaRec, ServiceRec } from './model.ts';

export interface ControllerContext extends LifecycleContext {
  /** Adds a Pending replica of the service's current revision; the scheduler places it. */
  createReplica(app: AppRec, service: ServiceRec): void;
}

/** Surge and unavailability budgets as replicas; both zero would deadlock, so unavailability becomes 1 (as Kubernetes does). */
export function budgets(service: ServiceRec): { surge: number; unavailable: number } {
  const desired = service.spec.replicas;
  const surge = resolveBudget(service.spec.update.maxSurge, desired, 'up');
  const unavailable = resolveBudget(service.spec.update.maxUnavailable, desired, 'down');
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

/** Which replicas go first on scale-down: not placed, then not ready, then on crowded hosts, then the newest. */
export function scaleDownOrder(replicas: readonly ReplicaRec[], service: ServiceRec): ReplicaRec[] {
  const rank = (r: ReplicaRec): number => (r.node === undefined ? 0 : r.phase === 'Failed' || r.phase === 'BackOff' ? 1 : !r.ready ? 2 : 3);
  const crowd = (r: ReplicaRec): number => (r.node ? (service.perNode[r.node.index] ?? 0) : 0);
  return [...replicas].sort((a, b) => rank(a) - rank(b) || crowd(b) - crowd(a) || b.createdAtMs - a.createdAtMs || (a.id < b.id ? 1 : -1));
}

export function reconcileService(ctx: ControllerContext, app: AppRec, service: ServiceRec): void {
  const serviceReplicas = app.replicas.filter((r) => r.service === service && r.phase !== 'Terminating');
  const desired = service.spec.replicas;
  const current = serviceReplicas.filter((r) => r.revision === service.revision);
  const old = serviceReplicas.filter((r) => r.revision !== service.revision);

  if (old.length === 0) {
    for (let i = current.length; i < desired; i += 1) ctx.createReplica(app, service);
    for (const extra of scaleDownOrder(current, service).slice(0, Math.max(0, current.length - desired))) terminate(ctx, extra, `scaled down to ${desired}`);
  } else rollStep(ctx, app, service, current, old);
  trackRollout(ctx, app, service);
}

/** One step of a rolling update: create within the surge, then remove old replicas the availability budget allows. */
function rollStep(ctx: ControllerContext, app: AppRec, service: ServiceRec, current: ReplicaRec[], old: ReplicaRec[]): void {
  const desired = service.spec.replicas;
  const { surge, unavailable } = budgets(service);
  if (current.length > desired) {
    for (const extra of scaleDownOrder(current, service).slice(0, current.length - desired)) terminate(ctx, extra, `scaled down to ${desired}`);
    current = current.slice(0, desired);
  } else {
    const room = desired + surge - (current.length + old.length);
    for (let i = 0; i < Math.min(room, desired - current.length); i += 1) ctx.createReplica(app, service);
  }
  // Old replicas that serve nothing can go at once: they cost no availability.
  const oldReady = old.filter((r) => r.ready);
  for (const r of old) if (!r.ready) terminate(ctx, r, `replaced by revision ${service.revision}`);
  const minAvailable = Math.max(0, desired - unavailable);
  const ready = current.filter((r) => r.ready).length + oldReady.length;
  const removable = Math.min(oldReady.length, ready - minAvailable);
  // Oldest revision first, then crowded hosts, then the newest replica.
  const order = scaleDownOrder(oldReady, service).sort((a, b) => a.revision - b.revision);
  for (const r of order.slice(0, Math.max(0, removable))) terminate(ctx, r, `replaced by revision ${service.revision}`);
}

/** Complete once every replica runs the new revision and is ready; stalled when no new replica turned ready for a while. */
function trackRollout(ctx: ControllerContext, app: AppRec, service: ServiceRec): void {
  const rollout = service.rollout;
  if (!rollout || rollout.state === 'Complete') return;
  const replicas = app.replicas.filter((r) => r.service === service);
  const updated = replicas.filter((r) => r.revision === service.revision && r.phase !== 'Terminating');
  const updatedReady = updated.filter((r) => r.ready).length;
  const old = replicas.filter((r) => r.revision !== service.revision).length;
  if (updatedReady > rollout.lastUpdatedReady) {
    rollout.lastProgressMs = ctx.nowMs;
    rollout.lastUpdatedReady = updatedReady;
    if (rollout.state === 'Stalled') rollout.state = 'Progressing';
  }
  const desired = service.spec.replicas;
  if (old === 0 && updated.length === desired && updatedReady === desired) {
    rollout.state = 'Complete';
    rollout.finishedAtMs = ctx.nowMs;
    rollout.message = `${desired} of ${desired} replicas run ${rollout.toImage}`;
    ctx.event(app, { service: service.name, reason: 'RolloutComplete', message: `${service.name}: rolled out ${rollout.toImage} (revision ${rollout.toRevision})`, warning: false });
    ctx.changed(app, true);
    return;
  }
  // A stalled rollout keeps saying why until a new replica turns ready.
  if (rollout.state === 'Progressing') rollout.message = `${updatedReady} of ${desired} new replicas ready, ${old} old left`;
  const deadlineMs = service.spec.update.progressDeadlineS * 1000;
  if (rollout.state === 'Progressing' && ctx.nowMs - rollout.lastProgressMs > deadlineMs) {
    rollout.state = 'Stalled';
    const stuck = updated.find((r) => !r.ready);
    const why = stuck ? `${stuck.phase}${stuck.lastExit ? ` (${stuck.lastExit.reason}: ${stuck.lastExit.message})` : stuck.reason ? ` (${stuck.reason})` : ''}` : 'no progress';
    rollout.message = `no new replica became ready for ${service.spec.update.progressDeadlineS} s: ${why}; old replicas keep serving — roll back or fix the image`;
    ctx.event(app, { service: service.name, reason: 'ProgressDeadlineExceeded', message: `${service.name}: rollout to ${rollout.toImage} stalled: ${why}`, warning: true });
  }
  ctx.changed(app, false);
}
