// One replica's life on its node: pull missing layers, start the process, pass the health check, exit (error or OOM
// kill) and restart after the kubelet's back-off, terminate gracefully, or be evicted when its host fails.
import type { ApplicationEvent, ReplicaExit, ReplicaPhase } from '../../shared/domain/applicationView.ts';
import { formatMs } from '../sim/formatMs.ts';
import type { LayerCache } from '../containers/layerCache.ts';
import { pullMiBPerS } from '../containers/layerCache.ts';
import { kubeletBackoff, nextBackoff } from '../containers/restartBackoff.ts';
import type { AppRec, NodeRec, ReplicaRec } from './model.ts';
import { holdsNode } from './model.ts';

export interface LifecycleContext {
  readonly layers: LayerCache;
  readonly nowMs: number;
  event(app: AppRec, event: Omit<ApplicationEvent, 'atMs'>): void;
  /** Its view changed; `record` when what is saved changed too; the controllers look at the app again. */
  changed(app: AppRec, record: boolean): void;
  /** Every service it depends on has a ready replica. */
  dependenciesReady(replica: ReplicaRec): boolean;
  /** A node's resources were given back (the scheduler may place pending replicas now). */
  freed(): void;
}

const note = (ctx: LifecycleContext, replica: ReplicaRec, reason: string, message: string, warning = false) =>
  ctx.event(replica.app, { service: replica.service.name, replicaId: replica.id, reason, message: `${replica.name}: ${message}`, warning });

export function setPhase(ctx: LifecycleContext, replica: ReplicaRec, phase: ReplicaPhase, reason: string | undefined, dueMs = Infinity): void {
  replica.phase = phase;
  replica.reason = reason;
  replica.phaseSinceMs = ctx.nowMs;
  replica.dueMs = dueMs;
  replica.ready = phase === 'Running';
  ctx.changed(replica.app, false);
}

/** Reserves the replica's requests, ports and an address on `node`. */
export function bindNode(replica: ReplicaRec, node: NodeRec): void {
  const requests = replica.template.resources.requests;
  replica.node = node;
  node.requestedCpus += requests.cpus;
  node.requestedMiB += requests.memoryMiB;
  node.replicas += 1;
  replica.service.perNode[node.index] = (replica.service.perNode[node.index] ?? 0) + 1;
  for (const port of replica.template.ports) if (port.published !== undefined) node.hostPorts.set(port.published, replica);
  const octet = node.freeIps.pop() ?? node.nextIp++;
  replica.ip = `${node.podPrefix}.${octet}`;
}

/** Gives back what bindNode reserved (the replica stays listed, e.g. as Failed). */
export function releaseNode(ctx: LifecycleContext, replica: ReplicaRec): void {
  const node = replica.node;
  if (!node || !replica.ip) return;
  const requests = replica.template.resources.requests;
  node.requestedCpus = Math.max(0, node.requestedCpus - requests.cpus);
  node.requestedMiB = Math.max(0, node.requestedMiB - requests.memoryMiB);
  node.replicas -= 1;
  replica.service.perNode[node.index] = Math.max(0, (replica.service.perNode[node.index] ?? 1) - 1);
  for (const [port, holder] of node.hostPorts) if (holder === replica) node.hostPorts.delete(port);
  node.freeIps.push(Number(replica.ip.slice(replica.ip.lastIndexOf('.') + 1)));
  replica.ip = undefined;
  ctx.freed();
}

/** The scheduler chose `node`: the replica waits for its dependencies there, then pulls and starts. */
export function place(ctx: LifecycleContext, replica: ReplicaRec, node: NodeRec): void {
  bindNode(replica, node);
  note(ctx, replica, 'Scheduled', `assigned to ${node.hostName}`);
  ctx.changed(replica.app, true);
  if (ctx.dependenciesReady(replica)) pull(ctx, replica);
  else setPhase(ctx, replica, 'Waiting', waitingReason(replica));
}

export function waitingReason(replica: ReplicaRec): string {
  return `waiting for ${replica.template.dependsOn.join(', ')} to have a ready replica (depends_on)`;
}

/** Downloads what the node lacks of the image; layers already there (from any image) are not fetched again. */
export function pull(ctx: LifecycleContext, replica: ReplicaRec): void {
  const node = replica.node!;
  const plan = ctx.layers.pull(node.hostId, replica.image, ctx.nowMs);
  if (plan.readyAtMs <= ctx.nowMs) {
    startProcess(ctx, replica);
    return;
  }
  const what =
    plan.missing.length === 0
      ? `waiting for layers of ${replica.image.ref} another replica is pulling`
      : `pulling ${plan.missing.length} of ${replica.image.layers.length} layers of ${replica.image.ref} (${Math.round(plan.downloadMiB)} MiB at ${pullMiBPerS} MiB/s)`;
  setPhase(ctx, replica, 'Pulling', what, plan.readyAtMs);
  note(ctx, replica, 'Pulling', what);
}

/**
 * Starts the main process: the container platform's start time plus the image's own start-up; it turns ready at the
 * first health probe after that (and after the start period). A broken version crashes on its schedule instead.
 */
export function startProcess(ctx: LifecycleContext, replica: ReplicaRec): void {
  const node = replica.node!;
  const limits = replica.template.resources.limits;
  const process = replica.image.process;
  replica.startedAtMs = ctx.nowMs;
  if (limits.pids !== undefined && process.processes > limits.pids) {
    exit(ctx, replica, 'Error', `fork failed at start: it needs ${process.processes} processes and threads, pids.max is ${limits.pids}`);
    return;
  }
  const upMs = node.startMs + process.initMs;
  const intervalMs = replica.template.healthcheck.intervalS * 1000;
  const earliest = Math.max(upMs, replica.template.healthcheck.startPeriodS * 1000);
  const readyAt = ctx.nowMs + Math.ceil(earliest / intervalMs) * intervalMs;
  const crashAt = process.crashAfterMs === undefined ? Infinity : ctx.nowMs + node.startMs + process.crashAfterMs;
  setPhase(ctx, replica, 'Starting', `started in ${formatMs(node.startMs)}; ${replica.image.repository} needs ${formatMs(process.initMs)} to come up, health check every ${replica.template.healthcheck.intervalS} s`, Math.min(readyAt, crashAt));
  note(ctx, replica, 'Started', `container started on ${node.hostName} (${replica.image.ref})`);
}

/** A timed phase ended. */
export function advance(ctx: LifecycleContext, replica: ReplicaRec): void {
  const process = replica.image.process;
  const crashAt = process.crashAfterMs === undefined ? Infinity : replica.startedAtMs + replica.node!.startMs + process.crashAfterMs;
  switch (replica.phase) {
    case 'Pulling':
      note(ctx, replica, 'Pulled', `image ${replica.image.ref} is on ${replica.node!.hostName}`);
      startProcess(ctx, replica);
      return;
    case 'Starting':
      if (ctx.nowMs >= crashAt) {
        exit(ctx, replica, 'Error', process.crashMessage ?? 'the main process exited with code 1');
        return;
      }
      setPhase(ctx, replica, 'Running', undefined, crashAt);
      note(ctx, replica, 'Ready', `health check passed ${formatMs(ctx.nowMs - replica.startedAtMs)} after start; receives requests`);
      return;
    case 'Running':
      exit(ctx, replica, 'Error', process.crashMessage ?? 'the main process exited with code 1');
      return;
    case 'BackOff':
      replica.restarts += 1;
      replica.service.restarts += 1;
      ctx.changed(replica.app, true);
      note(ctx, replica, 'Restarted', `restart ${replica.restarts} (policy ${replica.template.restart})`);
      startProcess(ctx, replica);
      return;
    case 'Terminating':
      remove(ctx, replica);
      return;
    default:
      replica.dueMs = Infinity;
  }
}

/**
 * The main process ended (error, OOM kill): with restart "no" the replica stays Failed and gives its host back;
 * otherwise the kubelet restarts it on the same host after a back-off of 10 s, 20 s, 40 s … up to 5 min.
 */
export function exit(ctx: LifecycleContext, replica: ReplicaRec, reason: ReplicaExit['reason'], message: string): void {
  const ranMs = replica.phase === 'Running' || replica.phase === 'Starting' ? ctx.nowMs - replica.startedAtMs : 0;
  replica.lastExit = { reason, message, atMs: ctx.nowMs };
  replica.cpuCores = 0;
  replica.memoryMiB = 0;
  replica.processes = 0;
  replica.throttled = false;
  note(ctx, replica, reason === 'OOMKilled' ? 'OOMKilled' : 'Failed', message, true);
  if (replica.template.restart === 'no') {
    setPhase(ctx, replica, 'Failed', `${reason}: ${message}; restart policy "no" leaves it stopped`);
    releaseNode(ctx, replica);
    ctx.changed(replica.app, true);
    return;
  }
  const backoff = nextBackoff(kubeletBackoff, replica.streak, ranMs);
  replica.streak = backoff.streak;
  setPhase(ctx, replica, 'BackOff', `${reason}; back-off ${formatMs(backoff.delayMs)} before restart ${replica.restarts + 1}`, ctx.nowMs + backoff.delayMs);
  note(ctx, replica, 'BackOff', `restarting in ${formatMs(backoff.delayMs)}`, true);
}

/** Scale-down, rollout or removal: out of the service's endpoints now, gone after a graceful stop. */
export function terminate(ctx: LifecycleContext, replica: ReplicaRec, why: string): void {
  if (replica.phase === 'Terminating') return;
  if (!replica.node || replica.phase === 'Failed' || replica.phase === 'Pending') {
    note(ctx, replica, 'Killing', `removed (${why})`);
    remove(ctx, replica);
    return;
  }
  const running = replica.phase === 'Running' || replica.phase === 'Starting';
  const stopMs = running ? replica.node.stopMs + replica.image.process.shutdownMs : 0;
  setPhase(ctx, replica, 'Terminating', why, ctx.nowMs + stopMs);
  note(ctx, replica, 'Killing', `stopping (${why})`);
}

/** Its host failed: the replica is gone at once; the controller makes a replacement elsewhere. */
/** `what` says what happened to the host: "failed", "lost power", "was powered off". */
export function evict(ctx: LifecycleContext, replica: ReplicaRec, hostName: string, what = 'failed'): void {
  replica.lastExit = { reason: 'Evicted', message: `host ${hostName} ${what}`, atMs: ctx.nowMs };
  note(ctx, replica, 'Evicted', `lost with host ${hostName}`, true);
  remove(ctx, replica);
}

function remove(ctx: LifecycleContext, replica: ReplicaRec): void {
  if (holdsNode(replica) || replica.ip !== undefined) releaseNode(ctx, replica);
  const app = replica.app;
  app.replicas = app.replicas.filter((r) => r !== replica);
  replica.dueMs = Infinity;
  replica.ready = false;
  ctx.changed(app, true);
}
