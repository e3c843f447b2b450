// The contract's views of the orchestrator's records: applications (services, replicas, events) and cluster nodes.
import type { ApplicationView, ContainerNode, ReplicaView, ServiceView } from '../../shared/domain/applicationView.ts';
import { budgets } from './deploymentController.ts';
import { nodeUp, type AppRec, type NodeRec, type ReplicaRec, type ServiceRec } from './model.ts';

/** Events a view carries (the newest): views go to every client once a simulated second, so they stay small. */
export const viewEvents = 30;

export function toApplicationView(app: AppRec): ApplicationView {
  return {
    id: app.id,
    name: app.name,
    createdAtMs: app.createdAtMs,
    services: app.services.filter((s) => !s.removed).map((s) => toServiceView(app, s)),
    replicas: app.replicas.map(toReplicaView),
    events: app.events.slice(-viewEvents).map((e) => ({ ...e })),
  };
}

function toServiceView(app: AppRec, service: ServiceRec): ServiceView {
  const replicas = app.replicas.filter((r) => r.service === service);
  const spec = service.spec;
  const limits = spec.resources.limits;
  const view: ServiceView = {
    name: service.name,
    image: spec.image,
    revision: service.revision,
    desired: spec.replicas,
    ready: replicas.filter((r) => r.ready).length,
    current: replicas.filter((r) => r.phase !== 'Terminating').length,
    virtualIp: service.virtualIp,
    ports: spec.ports.map((p) => ({ ...p })),
    requests: { ...spec.resources.requests },
    limits: { ...(limits.cpus === undefined ? {} : { cpus: limits.cpus }), ...(limits.memoryMiB === undefined ? {} : { memoryMiB: limits.memoryMiB }), ...(limits.pids === undefined ? {} : { pids: limits.pids }) },
    restart: spec.restart,
    dependsOn: [...spec.dependsOn],
    update: { maxSurge: spec.update.maxSurge, maxUnavailable: spec.update.maxUnavailable },
    history: [...service.revisions].reverse().map((r) => ({ revision: r.revision, image: r.image, createdAtMs: r.createdAtMs })),
    traffic: {
      requestsPerSecond: round(service.requestsPerSecond),
      errorsPerSecond: round(service.errorsPerSecond),
      requestsTotal: Math.round(service.requestsTotal),
      errorsTotal: Math.round(service.errorsTotal),
    },
    restarts: service.restarts,
    availability: service.aliveSeconds === 0 ? 1 : round(service.readySeconds / service.aliveSeconds, 4),
  };
  const rollout = service.rollout;
  if (rollout) {
    const { surge, unavailable } = budgets(service);
    const updated = replicas.filter((r) => r.revision === rollout.toRevision && r.phase !== 'Terminating');
    view.rollout = {
      state: rollout.state,
      fromRevision: rollout.fromRevision,
      toRevision: rollout.toRevision,
      fromImage: rollout.fromImage,
      toImage: rollout.toImage,
      updated: updated.length,
      updatedReady: updated.filter((r) => r.ready).length,
      old: replicas.filter((r) => r.revision !== rollout.toRevision).length,
      startedAtMs: rollout.startedAtMs,
      maxSurge: surge,
      maxUnavailable: unavailable,
      message: rollout.message,
      ...(rollout.finishedAtMs === undefined ? {} : { finishedAtMs: rollout.finishedAtMs }),
    };
  }
  return view;
}

export function toReplicaView(replica: ReplicaRec): ReplicaView {
  const view: ReplicaView = {
    id: replica.id,
    name: replica.name,
    service: replica.service.name,
    revision: replica.revision,
    image: replica.image.ref,
    phase: replica.phase,
    ready: replica.ready,
    phaseSinceMs: replica.phaseSinceMs,
    restarts: replica.restarts,
    cpuCores: replica.cpuCores,
    throttled: replica.throttled,
    memoryMiB: replica.memoryMiB,
    processes: replica.processes,
  };
  if (replica.node) {
    view.hostId = replica.node.hostId;
    view.platformId = replica.node.platformId;
  }
  if (replica.ip) view.ip = replica.ip;
  if (replica.reason) view.reason = replica.reason;
  if (replica.lastExit) view.lastExit = { ...replica.lastExit };
  return view;
}

export function toNodeView(node: NodeRec): ContainerNode {
  return {
    hostId: node.hostId,
    hostName: node.hostName,
    platformId: node.platformId,
    platformName: node.platformName,
    ready: nodeUp(node),
    podSubnet: `${node.podPrefix}.0/24`,
    allocatable: { cpus: node.cpus, memoryMiB: node.memoryMiB },
    requested: { cpus: round(node.requestedCpus), memoryMiB: Math.round(node.requestedMiB) },
    replicas: node.replicas,
  };
}

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;
