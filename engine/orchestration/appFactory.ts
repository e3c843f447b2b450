// Making the orchestrator's records: applications, services with their revision history and virtual address, replicas.
import type { ApplicationSpec, ServiceSpec } from '../../shared/domain/applicationSpec.ts';
import { requireImage } from '../containers/imageCatalogue.ts';
import type { AppRec, NodeRec, ReplicaRec, Revision, ServiceRec } from './model.ts';

/** Service virtual addresses come from Kubernetes' default service range, 10.96.0.0/12. */
export class VirtualIps {
  #next = 0;
  readonly #used = new Set<string>();

  take(): string {
    for (;;) {
      const n = this.#next++;
      const ip = `10.96.${Math.floor(n / 250)}.${10 + (n % 250)}`;
      if (!this.#used.has(ip)) {
        this.#used.add(ip);
        return ip;
      }
    }
  }

  /** A restored service keeps its address. */
  keep(ip: string): void {
    this.#used.add(ip);
  }

  release(ip: string): void {
    this.#used.delete(ip);
  }
}

export function newApp(id: string, spec: ApplicationSpec, createdAtMs: number): AppRec {
  return { id, name: spec.name, spec, createdAtMs, services: [], replicas: [], events: [], viewDirty: true, recordDirty: true, needsReconcile: true };
}

export interface ServiceSeed {
  readonly key: number;
  readonly nodeCount: number;
  readonly virtualIp: string;
  readonly nowMs: number;
  /** Restored history; a fresh service starts at revision 1 with `spec`. */
  readonly revisions?: readonly { readonly revision: number; readonly image: string; readonly createdAtMs: number }[];
  readonly revision?: number;
  readonly nextReplica?: number;
}

export function newService(name: string, spec: ServiceSpec, seed: ServiceSeed): ServiceRec {
  const revisions: Revision[] = seed.revisions
    ? seed.revisions.map((r) => ({ revision: r.revision, image: r.image, createdAtMs: r.createdAtMs, template: { ...spec, image: r.image } }))
    : [{ revision: 1, image: spec.image, createdAtMs: seed.nowMs, template: spec }];
  return {
    name,
    key: seed.key,
    spec,
    revision: seed.revision ?? 1,
    revisions,
    virtualIp: seed.virtualIp,
    nextReplica: seed.nextReplica ?? 1,
    rollout: undefined,
    perNode: new Int32Array(seed.nodeCount),
    requestsPerSecond: 0,
    errorsPerSecond: 0,
    requestsTotal: 0,
    errorsTotal: 0,
    aliveSeconds: 0,
    readySeconds: 0,
    restarts: 0,
    removed: false,
  };
}

/** Starts a rolling update to `template`: a new revision, remembered for rolling back. */
export function addRevision(service: ServiceRec, template: ServiceSpec, nowMs: number): Revision {
  const previous = service.revisions.find((r) => r.revision === service.revision);
  const revision: Revision = { revision: Math.max(...service.revisions.map((r) => r.revision)) + 1, image: template.image, createdAtMs: nowMs, template };
  service.revisions.push(revision);
  service.rollout = {
    fromRevision: service.revision,
    toRevision: revision.revision,
    fromImage: previous?.image ?? service.spec.image,
    toImage: template.image,
    startedAtMs: nowMs,
    state: 'Progressing',
    finishedAtMs: undefined,
    lastProgressMs: nowMs,
    lastUpdatedReady: 0,
    message: 'starting',
  };
  service.revision = revision.revision;
  service.spec = template;
  return revision;
}

/** A Pending replica of `revision` (the service's current one when omitted). */
export function newReplica(app: AppRec, service: ServiceRec, nowMs: number, options: { readonly seq?: number; readonly revision?: number; readonly restarts?: number; readonly createdAtMs?: number } = {}): ReplicaRec {
  const seq = options.seq ?? service.nextReplica++;
  const revision = service.revisions.find((r) => r.revision === (options.revision ?? service.revision)) ?? service.revisions.find((r) => r.revision === service.revision)!;
  return {
    id: `${app.id}:${service.name}-${seq}`,
    name: `${app.name}-${service.name}-${seq}`,
    app,
    service,
    revision: revision.revision,
    template: revision.template,
    image: requireImage(revision.image),
    node: undefined,
    ip: undefined,
    phase: 'Pending',
    reason: 'waiting for the scheduler',
    phaseSinceMs: nowMs,
    dueMs: Infinity,
    ready: false,
    restarts: options.restarts ?? 0,
    streak: 0,
    lastExit: undefined,
    startedAtMs: nowMs,
    createdAtMs: options.createdAtMs ?? nowMs,
    cpuCores: 0,
    throttled: false,
    memoryMiB: 0,
    processes: 0,
  };
}

export function newNode(index: number, info: { hostId: string; hostName: string; platformId: string; platformName: string; cpus: number; memoryMiB: number; startMs: number; stopMs: number }): NodeRec {
  return { ...info, index, podPrefix: `10.244.${index}`, ready: true, powered: true, requestedCpus: 0, requestedMiB: 0, replicas: 0, hostPorts: new Map(), freeIps: [], nextIp: 2 };
}

/** The replica number in an id like "app:web-12". */
export function replicaSeq(id: string): number {
  const n = Number(/-(\d+)$/.exec(id)?.[1]);
  return Number.isInteger(n) ? n : 0;
}
