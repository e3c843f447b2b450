// The orchestrator: deploys applications onto the hosts that run a container platform and keeps them as declared —
// scheduling, restarts with back-off, scaling, rolling updates and rollbacks, rescheduling when a host fails.
import { AppError } from '../../shared/errors.ts';
import type { ApplicationEvent, ApplicationView, ContainerNode } from '../../shared/domain/applicationView.ts';
import type { ApplicationRecord } from '../../shared/domain/applicationRecord.ts';
import type { ApplicationSpec, ServiceSpec } from '../../shared/domain/applicationSpec.ts';
import { startOrder } from '../../shared/domain/applicationSpec.ts';
import { normalizeImageRef, requireImage } from '../containers/imageCatalogue.ts';
import type { LayerCache } from '../containers/layerCache.ts';
import { addRevision, newApp, newNode, newReplica, newService, replicaSeq, VirtualIps } from './appFactory.ts';
import { toApplicationRecord } from './appRecords.ts';
import { toApplicationView, toNodeView } from './appViews.ts';
import type { ClusterPort } from './cluster.ts';
import { reconcileService } from './deploymentController.ts';
import type { ControllerContext } from './deploymentController.ts';
import { nodeUp, type AppRec, type NodeRec, type ReplicaRec, type ServiceRec } from './model.ts';
import { advance, bindNode, evict, exit, place, pull, terminate, waitingReason } from './replicaLifecycle.ts';
import { pickNode } from './scheduler.ts';
import { routeTraffic } from './traffic.ts';

/** Events kept per application (a scenario keeps them all for its summary). */
const defaultKeptEvents = 200;

export interface AppChanges {
  readonly views: ApplicationView[];
  readonly records: ApplicationRecord[];
  readonly removed: string[];
}

export class Orchestrator {
  readonly #cluster: ClusterPort;
  readonly #layers: LayerCache;
  readonly #apps = new Map<string, AppRec>();
  readonly #removed = new Set<string>();
  readonly #vips = new VirtualIps();
  #nodes: NodeRec[] | undefined;
  #serviceKeys = 0;
  #nextDueMs = Infinity;
  /** Something freed node resources or changed: pending replicas deserve another scheduling pass. */
  #schedule = false;
  readonly #ctx: ControllerContext;

  readonly #keptEvents: number;

  constructor(cluster: ClusterPort, layers: LayerCache, options: { readonly keptEvents?: number } = {}) {
    this.#cluster = cluster;
    this.#layers = layers;
    this.#keptEvents = options.keptEvents ?? defaultKeptEvents;
    const now = () => cluster.nowMs();
    this.#ctx = {
      layers,
      get nowMs() {
        return now();
      },
      event: (app, event) => this.#event(app, event),
      changed: (app, record) => {
        app.viewDirty = true;
        app.needsReconcile = true;
        if (record) app.recordDirty = true;
      },
      dependenciesReady: (replica) => this.#dependenciesReady(replica),
      freed: () => {
        this.#schedule = true;
      },
      createReplica: (app, service) => {
        app.replicas.push(newReplica(app, service, this.#cluster.nowMs()));
        app.recordDirty = true;
        this.#schedule = true;
      },
    };
  }

  // ── Commands ──

  /** Deploys a new application, or applies a changed file to the one of that name (like `kubectl apply`). */
  deploy(id: string, spec: ApplicationSpec): ApplicationView {
    for (const [name, service] of Object.entries(spec.services)) requireImage(service.image, `services.${name}.image`);
    const existing = [...this.#apps.values()].find((app) => app.name === spec.name);
    if (existing) return this.#apply(existing, spec);
    if (this.#apps.has(id)) throw new AppError('CONFLICT', `An application with id "${id}" already exists`, 'id');
    const app = newApp(id, spec, this.#cluster.nowMs());
    for (const name of Object.keys(spec.services)) app.services.push(this.#newService(name, normalized(spec.services[name]!)));
    this.#apps.set(id, app);
    this.#event(app, { reason: 'Deployed', message: `deployed ${Object.keys(spec.services).length} services: ${startOrder(spec.services).join(', ')} (start order)`, warning: false });
    this.#settle();
    return toApplicationView(app);
  }

  remove(id: string): void {
    const app = this.#require(id);
    for (const replica of app.replicas) {
      replica.dueMs = Infinity;
      if (replica.node && replica.ip) this.#releaseQuietly(replica);
    }
    for (const service of app.services) this.#vips.release(service.virtualIp);
    this.#apps.delete(id);
    this.#removed.add(id);
    this.#schedule = true;
    this.#settle();
  }

  scale(id: string, serviceName: string, replicas: number): ApplicationView {
    const app = this.#require(id);
    const service = this.#service(app, serviceName);
    if (service.spec.replicas === replicas) return toApplicationView(app);
    const before = service.spec.replicas;
    service.spec = { ...service.spec, replicas };
    this.#event(app, { service: serviceName, reason: replicas > before ? 'ScalingUp' : 'ScalingDown', message: `${serviceName}: scaled from ${before} to ${replicas} replicas`, warning: false });
    this.#ctx.changed(app, true);
    this.#settle();
    return toApplicationView(app);
  }

  rollout(id: string, serviceName: string, imageRef: string): ApplicationView {
    const app = this.#require(id);
    const service = this.#service(app, serviceName);
    const image = requireImage(imageRef, 'image');
    if (image.ref === service.spec.image) throw new AppError('CONFLICT', `${serviceName} already runs ${image.ref}`, 'image');
    this.#startRevision(app, service, { ...service.spec, image: image.ref });
    this.#settle();
    return toApplicationView(app);
  }

  /** Rolls back to the revision before the current one, as a new revision (as `kubectl rollout undo` does). */
  rollback(id: string, serviceName: string): ApplicationView {
    const app = this.#require(id);
    const service = this.#service(app, serviceName);
    const index = service.revisions.findIndex((r) => r.revision === service.revision);
    const previous = index > 0 ? service.revisions[index - 1] : undefined;
    if (!previous) throw new AppError('INVALID_STATE', `${serviceName} has no earlier revision to roll back to`, 'service');
    this.#startRevision(app, service, { ...previous.template, replicas: service.spec.replicas }, `rolled back to revision ${previous.revision}`);
    this.#settle();
    return toApplicationView(app);
  }

  /** Makes a replica's main process fail (exit code 137), as if it crashed; its restart policy applies. */
  failContainer(id: string, serviceName: string, replicaId?: string): ApplicationView {
    const app = this.#require(id);
    const service = this.#service(app, serviceName);
    const candidates = app.replicas.filter((r) => r.service === service && (r.phase === 'Running' || r.phase === 'Starting'));
    const replica = replicaId === undefined ? (candidates.find((r) => r.ready) ?? candidates[0]) : candidates.find((r) => r.id === replicaId || r.name === replicaId);
    if (!replica) throw new AppError('INVALID_STATE', replicaId === undefined ? `${serviceName} has no running replica to fail` : `Replica "${replicaId}" of ${serviceName} is not running`, 'replicaId');
    exit(this.#ctx, replica, 'Error', 'the main process was killed (exit code 137): failed on purpose');
    this.#settle();
    return toApplicationView(app);
  }

  /**
   * A container host fails: its replicas are evicted at once and the controllers place replacements on the others.
   * (Kubernetes waits about 5 minutes before evicting from an unreachable node; Virtlab does not.)
   */
  failHost(hostId: string): void {
    const node = this.#node(hostId);
    if (!node.ready) throw new AppError('INVALID_STATE', `Host ${node.hostName} has already failed`, 'hostId');
    node.ready = false;
    this.#evictAll(node, 'failed');
    this.#settle();
  }

  /** Every replica on the node is lost at once; the controllers place replacements on the nodes that are up. */
  #evictAll(node: NodeRec, what: string): void {
    for (const app of this.#apps.values()) {
      const lost = app.replicas.filter((r) => r.node === node);
      if (lost.length === 0) continue;
      for (const replica of lost) evict(this.#ctx, replica, node.hostName, what);
      this.#event(app, { reason: 'NodeFailed', message: `host ${node.hostName} ${what}: ${lost.length} replica${lost.length === 1 ? '' : 's'} evicted and replaced elsewhere`, warning: true });
    }
  }

  /** The data center failed or powered off a host: its replicas go with it; when it has power again it takes new ones. */
  #followHostPower(): void {
    for (const node of this.#allNodes()) {
      const powered = this.#cluster.hostPowered(node.hostId);
      if (powered === node.powered) continue;
      node.powered = powered;
      if (powered) this.#schedule = true;
      else this.#evictAll(node, 'lost power');
    }
  }

  recoverHost(hostId: string): void {
    const node = this.#node(hostId);
    if (node.ready) throw new AppError('INVALID_STATE', `Host ${node.hostName} is up`, 'hostId');
    node.ready = true;
    this.#schedule = true;
    this.#settle();
  }

  // ── Time ──

  /** Each simulated step: timed replica phases, once a second traffic and resources, then the controllers. */
  tick(): void {
    const now = this.#cluster.nowMs();
    if (this.#apps.size === 0) return;
    // Host power is polled, like a node's heartbeat: the data center does not know about applications.
    if (now % 1000 === 0) this.#followHostPower();
    if (now >= this.#nextDueMs) this.#runDue(now);
    if (now % 1000 === 0) {
      for (const app of this.#apps.values()) {
        routeTraffic(this.#ctx, app);
        if (app.services.some((s) => s.rollout?.state === 'Progressing')) app.needsReconcile = true;
      }
      if (this.#hasPending()) this.#schedule = true;
    }
    this.#settle();
  }

  // ── Queries ──

  list(): ApplicationView[] {
    return [...this.#apps.values()].map(toApplicationView);
  }

  view(id: string): ApplicationView {
    return toApplicationView(this.#require(id));
  }

  has(id: string): boolean {
    return this.#apps.has(id);
  }

  nodes(): ContainerNode[] {
    return this.#allNodes().map(toNodeView);
  }

  /** A replica publishing `port` on the host, by name (standalone containers must not take it). */
  portHolder(hostId: string, port: number): string | undefined {
    return this.#allNodes().find((n) => n.hostId === hostId)?.hostPorts.get(port)?.name;
  }

  /** Replicas holding an image on a host, for layer sharing. */
  replicaImages(): { hostId: string; image: ReplicaRec['image']; writableMiB: number }[] {
    const out: { hostId: string; image: ReplicaRec['image']; writableMiB: number }[] = [];
    const now = this.#cluster.nowMs();
    for (const app of this.#apps.values()) {
      for (const r of app.replicas) {
        if (!r.node || r.phase === 'Pending' || r.phase === 'Waiting' || r.phase === 'Pulling') continue;
        // Logs and temporary files: half a MiB, then a little more per hour of uptime.
        out.push({ hostId: r.node.hostId, image: r.image, writableMiB: 0.5 + Math.max(0, now - r.startedAtMs) / 3_600_000 });
      }
    }
    return out;
  }

  records(): ApplicationRecord[] {
    return [...this.#apps.values()].map(toApplicationRecord);
  }

  /** Every event kept for the application, oldest first. */
  events(id: string): readonly ApplicationEvent[] {
    return this.#require(id).events;
  }

  /** What changed since the last call: views to send, records to save, applications removed. */
  takeChanges(): AppChanges | undefined {
    const views: ApplicationView[] = [];
    const records: ApplicationRecord[] = [];
    for (const app of this.#apps.values()) {
      if (app.viewDirty) views.push(toApplicationView(app));
      if (app.recordDirty) records.push(toApplicationRecord(app));
      app.viewDirty = false;
      app.recordDirty = false;
    }
    const removed = [...this.#removed];
    this.#removed.clear();
    return views.length + records.length + removed.length === 0 ? undefined : { views, records, removed };
  }

  // ── Restoring ──

  /**
   * Re-creates saved applications: replicas go back to their hosts (when still there and able), else are scheduled.
   * A record that cannot be restored (an image no longer in the catalogue, a duplicate) throws, or with `skipInvalid`
   * is left out and listed.
   */
  restore(records: readonly ApplicationRecord[], skipInvalid = false): { id: string; name: string; reason: string }[] {
    const now = this.#cluster.nowMs();
    const skipped: { id: string; name: string; reason: string }[] = [];
    for (const record of records) {
      try {
        this.#checkRestorable(record);
      } catch (error) {
        if (!skipInvalid || !(error instanceof AppError)) throw error;
        skipped.push({ id: record.id, name: record.spec.name, reason: error.message });
        continue;
      }
      const app = newApp(record.id, record.spec, record.createdAtMs);
      for (const [name, spec] of Object.entries(record.spec.services)) {
        const saved = record.services[name];
        if (saved) this.#vips.keep(saved.virtualIp);
        const service = this.#newService(name, normalized(spec), saved && { virtualIp: saved.virtualIp, revisions: saved.revisions, revision: saved.revision, nextReplica: saved.nextReplica });
        app.services.push(service);
      }
      for (const saved of record.replicas) {
        const service = app.services.find((s) => s.name === saved.service);
        if (!service) continue;
        const replica = newReplica(app, service, now, { seq: replicaSeq(saved.id), revision: saved.revision, restarts: saved.restarts, createdAtMs: saved.createdAtMs });
        app.replicas.push(replica);
        const node = this.#allNodes().find((n) => n.hostId === saved.hostId);
        if (node && nodeUp(node) && this.#fits(node, replica)) {
          // It ran there before the restart, so the image is on that host's disk.
          this.#layers.adopt(node.hostId, replica.image);
          bindNode(replica, node);
          if (this.#dependenciesReady(replica)) pull(this.#ctx, replica);
          else {
            replica.phase = 'Waiting';
            replica.reason = waitingReason(replica);
          }
        }
      }
      for (const service of app.services) {
        const saved = record.services[service.name]?.rollout;
        if (!saved || saved.toRevision !== service.revision) continue;
        // A rollout under way carries on (its deadline starts afresh); a finished one still shows what it did.
        const done = saved.state === 'Complete';
        service.rollout = { ...saved, state: done ? 'Complete' : 'Progressing', finishedAtMs: saved.finishedAtMs, lastProgressMs: now, lastUpdatedReady: 0, message: done ? `${service.spec.replicas} of ${service.spec.replicas} replicas run ${saved.toImage}` : 'resumed after a restart' };
      }
      this.#apps.set(app.id, app);
    }
    this.#schedule = true;
    this.#settle();
    for (const app of this.#apps.values()) app.recordDirty = false;
    return skipped;
  }

  #checkRestorable(record: ApplicationRecord): void {
    if (this.#apps.has(record.id)) throw new AppError('CONFLICT', `Two application records share the id "${record.id}"`, 'applications');
    if ([...this.#apps.values()].some((app) => app.name === record.spec.name)) throw new AppError('CONFLICT', `Two applications are named "${record.spec.name}"`, 'applications');
    for (const [name, service] of Object.entries(record.spec.services)) {
      requireImage(service.image, `services.${name}.image`);
      const saved = record.services[name];
      for (const revision of saved?.revisions ?? []) requireImage(revision.image, `services.${name}.revisions`);
      if (saved && !saved.revisions.some((r) => r.revision === saved.revision)) throw new AppError('VALIDATION', `Service ${name} is at revision ${saved.revision}, which its history does not list`, `services.${name}.revision`);
    }
    const ids = new Set<string>();
    for (const replica of record.replicas) {
      if (ids.has(replica.id)) throw new AppError('CONFLICT', `Two replicas share the id "${replica.id}"`, 'replicas');
      ids.add(replica.id);
    }
  }

  // ── Internals ──

  #apply(app: AppRec, spec: ApplicationSpec): ApplicationView {
    const changes: string[] = [];
    for (const [name, raw] of Object.entries(spec.services)) {
      const wanted = normalized(raw);
      const service = app.services.find((s) => s.name === name && !s.removed);
      if (!service) {
        app.services.push(this.#newService(name, wanted));
        changes.push(`added ${name}`);
        continue;
      }
      const template = { ...wanted, replicas: service.spec.replicas };
      if (JSON.stringify(template) !== JSON.stringify(service.spec)) {
        this.#startRevision(app, service, { ...template });
        changes.push(`updated ${name}`);
      }
      if (wanted.replicas !== service.spec.replicas) {
        this.scale(app.id, name, wanted.replicas);
        changes.push(`scaled ${name}`);
      }
    }
    for (const service of app.services) {
      if (service.removed || service.name in spec.services) continue;
      service.removed = true;
      for (const replica of app.replicas.filter((r) => r.service === service)) terminate(this.#ctx, replica, `service ${service.name} was removed from the file`);
      this.#vips.release(service.virtualIp);
      changes.push(`removed ${service.name}`);
    }
    this.#event(app, { reason: 'Applied', message: changes.length === 0 ? 'file applied: nothing changed' : `file applied: ${changes.join(', ')}`, warning: false });
    this.#ctx.changed(app, true);
    this.#settle();
    return toApplicationView(app);
  }

  #startRevision(app: AppRec, service: ServiceRec, template: ServiceSpec, why = 'rolling update'): void {
    const from = service.spec.image;
    const revision = addRevision(service, template, this.#cluster.nowMs());
    // Replicas that already run exactly this template (a rollback to what they run) become the new revision's.
    const key = templateKey(template);
    for (const replica of app.replicas) if (replica.service === service && replica.phase !== 'Terminating' && templateKey(replica.template) === key) replica.revision = revision.revision;
    this.#event(app, { service: service.name, reason: 'RolloutStarted', message: `${service.name}: ${why} from ${from} to ${revision.image} (revision ${revision.revision})`, warning: false });
    this.#ctx.changed(app, true);
  }

  #newService(name: string, spec: ServiceSpec, restored?: { virtualIp: string; revisions: ApplicationRecord['services'][string]['revisions']; revision: number; nextReplica: number }): ServiceRec {
    return newService(name, spec, { key: this.#serviceKeys++, nodeCount: this.#allNodes().length, nowMs: this.#cluster.nowMs(), virtualIp: restored?.virtualIp ?? this.#vips.take(), ...(restored ? { revisions: restored.revisions, revision: restored.revision, nextReplica: restored.nextReplica } : {}) });
  }

  /** Runs replicas whose timed phase ended, in time order, until nothing more is due now. */
  #runDue(now: number): void {
    for (let guard = 0; guard < 1000; guard += 1) {
      const due: ReplicaRec[] = [];
      for (const app of this.#apps.values()) for (const r of app.replicas) if (r.dueMs <= now) due.push(r);
      if (due.length === 0) break;
      due.sort((a, b) => a.dueMs - b.dueMs);
      for (const replica of due) if (replica.dueMs <= now && replica.app.replicas.includes(replica)) advance(this.#ctx, replica);
    }
  }

  /** Controllers and scheduler until nothing more changes now. */
  #settle(): void {
    for (let pass = 0; pass < 20; pass += 1) {
      let acted = false;
      for (const app of this.#apps.values()) {
        if (!app.needsReconcile) continue;
        app.needsReconcile = false;
        acted = true;
        this.#reconcile(app);
      }
      if (this.#schedule) {
        this.#schedule = false;
        acted = this.#schedulePending() || acted;
      }
      if (!acted) break;
    }
    let next = Infinity;
    for (const app of this.#apps.values()) for (const r of app.replicas) if (r.dueMs < next) next = r.dueMs;
    this.#nextDueMs = next;
  }

  #reconcile(app: AppRec): void {
    for (const service of app.services) if (!service.removed) reconcileService(this.#ctx, app, service);
    app.services = app.services.filter((s) => !s.removed || app.replicas.some((r) => r.service === s));
    for (const replica of app.replicas) if (replica.phase === 'Waiting' && this.#dependenciesReady(replica)) pull(this.#ctx, replica);
  }

  /** Places every pending replica it can, in application, service and creation order; returns whether any was placed. */
  #schedulePending(): boolean {
    const nodes = this.#allNodes();
    let placed = false;
    for (const app of this.#apps.values()) {
      for (const replica of app.replicas) {
        if (replica.phase !== 'Pending') continue;
        const requests = replica.template.resources.requests;
        const hostPorts = replica.template.ports.flatMap((p) => (p.published === undefined ? [] : [p.published]));
        const choice = pickNode(nodes, { cpus: requests.cpus, memoryMiB: requests.memoryMiB, hostPorts, perNode: replica.service.perNode }, (node, port) => node.hostPorts.get(port)?.name ?? this.#cluster.portHolder(node.hostId, port));
        if ('node' in choice) {
          place(this.#ctx, replica, choice.node);
          placed = true;
        } else if (replica.reason !== choice.reason) {
          replica.reason = choice.reason;
          this.#event(app, { service: replica.service.name, replicaId: replica.id, reason: 'FailedScheduling', message: `${replica.name}: ${choice.reason}`, warning: true });
          app.viewDirty = true;
        }
      }
    }
    return placed;
  }

  #fits(node: NodeRec, replica: ReplicaRec): boolean {
    const requests = replica.template.resources.requests;
    return node.cpus - node.requestedCpus + 1e-9 >= requests.cpus && node.memoryMiB - node.requestedMiB >= requests.memoryMiB && replica.template.ports.every((p) => p.published === undefined || !node.hostPorts.has(p.published));
  }

  #dependenciesReady(replica: ReplicaRec): boolean {
    return replica.template.dependsOn.every((name) => replica.app.replicas.some((r) => r.service.name === name && r.ready));
  }

  #hasPending(): boolean {
    for (const app of this.#apps.values()) for (const r of app.replicas) if (r.phase === 'Pending') return true;
    return false;
  }

  #releaseQuietly(replica: ReplicaRec): void {
    const node = replica.node!;
    const requests = replica.template.resources.requests;
    node.requestedCpus = Math.max(0, node.requestedCpus - requests.cpus);
    node.requestedMiB = Math.max(0, node.requestedMiB - requests.memoryMiB);
    node.replicas -= 1;
    for (const [port, holder] of node.hostPorts) if (holder === replica) node.hostPorts.delete(port);
    node.freeIps.push(Number(replica.ip!.slice(replica.ip!.lastIndexOf('.') + 1)));
  }

  #event(app: AppRec, event: Omit<ApplicationEvent, 'atMs'>): void {
    app.events.push({ atMs: this.#cluster.nowMs(), ...event });
    if (app.events.length > this.#keptEvents) app.events.splice(0, app.events.length - this.#keptEvents);
    app.viewDirty = true;
  }

  #allNodes(): NodeRec[] {
    this.#nodes ??= this.#cluster.nodes().map((info, index) => ({ ...newNode(index, info), powered: this.#cluster.hostPowered(info.hostId) }));
    return this.#nodes;
  }

  #node(hostId: string): NodeRec {
    const node = this.#allNodes().find((n) => n.hostId === hostId);
    if (node) return node;
    const names = this.#allNodes().map((n) => `${n.hostName} (${n.hostId})`).join(', ');
    throw new AppError('NOT_FOUND', `Host "${hostId}" runs no container platform; container hosts are ${names || 'none'}`, 'hostId');
  }

  #require(id: string): AppRec {
    const app = this.#apps.get(id);
    if (app) return app;
    throw new AppError('NOT_FOUND', `There is no application with id "${id}"; it may have been removed`, 'appId');
  }

  #service(app: AppRec, name: string): ServiceRec {
    const service = app.services.find((s) => s.name === name && !s.removed);
    if (service) return service;
    throw new AppError('NOT_FOUND', `Application ${app.name} has no service "${name}"; its services are ${app.services.filter((s) => !s.removed).map((s) => s.name).join(', ')}`, 'service');
  }
}

/** What makes two revisions the same: everything but the replica count. */
function templateKey(template: ServiceSpec): string {
  return JSON.stringify({ ...template, replicas: 0 });
}

/** Image refs are kept in their full form ("nginx" → "nginx:1.27"). */
function normalized(spec: ServiceSpec): ServiceSpec {
  return { ...spec, image: normalizeImageRef(spec.image) };
}
