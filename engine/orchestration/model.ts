// The orchestrator's records: cluster nodes (hosts with a container platform), applications, services and replicas.
import type { ApplicationEvent, ReplicaExit, ReplicaPhase } from '../../shared/domain/applicationView.ts';
import type { ApplicationSpec, ServiceSpec } from '../../shared/domain/applicationSpec.ts';
import type { CatalogueImage } from '../containers/imageCatalogue.ts';

export interface NodeRec {
  readonly index: number;
  readonly hostId: string;
  readonly hostName: string;
  readonly platformId: string;
  readonly platformName: string;
  /** What the scheduler may hand out (the platform's capacity: the host less its OS's own share). */
  readonly cpus: number;
  readonly memoryMiB: number;
  /** The container platform's start and stop times (its kind module's life cycle). */
  readonly startMs: number;
  readonly stopMs: number;
  /** "10.244.3": replicas get .2 … .254. */
  readonly podPrefix: string;
  /** False after failContainerHost (the node agent is down) until recoverHost. */
  ready: boolean;
  /** Whether its host has power (the data center may fail it or power it off); a node runs replicas only when both hold. */
  powered: boolean;
  requestedCpus: number;
  requestedMiB: number;
  replicas: number;
  /** Host port → the replica publishing it. */
  readonly hostPorts: Map<number, ReplicaRec>;
  readonly freeIps: number[];
  nextIp: number;
}

export interface Revision {
  readonly revision: number;
  readonly image: string;
  readonly createdAtMs: number;
  /** The service as this revision runs it (image, resources, limits, health check, ports). */
  readonly template: ServiceSpec;
}

export interface RolloutRec {
  readonly fromRevision: number;
  readonly toRevision: number;
  readonly fromImage: string;
  readonly toImage: string;
  readonly startedAtMs: number;
  state: 'Progressing' | 'Complete' | 'Stalled';
  finishedAtMs: number | undefined;
  /** Last time a new replica became ready (or the rollout began): a deadline runs from here. */
  lastProgressMs: number;
  lastUpdatedReady: number;
  message: string;
}

export interface ServiceRec {
  readonly name: string;
  /** Index among all services ever made by this orchestrator (keys the spreading counters). */
  readonly key: number;
  spec: ServiceSpec;
  revision: number;
  readonly revisions: Revision[];
  readonly virtualIp: string;
  nextReplica: number;
  rollout: RolloutRec | undefined;
  /** Replicas of this service per node index (spreading). */
  perNode: Int32Array;
  // Traffic through the virtual address, and availability.
  requestsPerSecond: number;
  errorsPerSecond: number;
  requestsTotal: number;
  errorsTotal: number;
  aliveSeconds: number;
  readySeconds: number;
  restarts: number;
  removed: boolean;
}

export interface ReplicaRec {
  readonly id: string;
  readonly name: string;
  readonly app: AppRec;
  readonly service: ServiceRec;
  /** Its revision; a rollout to a template it already runs adopts it (as Kubernetes reuses the old ReplicaSet). */
  revision: number;
  readonly template: ServiceSpec;
  readonly image: CatalogueImage;
  node: NodeRec | undefined;
  ip: string | undefined;
  phase: ReplicaPhase;
  reason: string | undefined;
  phaseSinceMs: number;
  /** When its timed phase ends (pull done, start done, probe passes, crash, back-off over, stopped); Infinity if none. */
  dueMs: number;
  ready: boolean;
  restarts: number;
  /** Failures in a row, for the back-off. */
  streak: number;
  lastExit: ReplicaExit | undefined;
  startedAtMs: number;
  readonly createdAtMs: number;
  cpuCores: number;
  throttled: boolean;
  memoryMiB: number;
  processes: number;
}

export interface AppRec {
  readonly id: string;
  readonly name: string;
  spec: ApplicationSpec;
  readonly createdAtMs: number;
  /** In the file's order; removed services leave once their replicas are gone. */
  services: ServiceRec[];
  replicas: ReplicaRec[];
  events: ApplicationEvent[];
  /** What clients see changed / what the library must save changed. */
  viewDirty: boolean;
  recordDirty: boolean;
  /** The controllers must look at it again. */
  needsReconcile: boolean;
}

/** Requests of a replica (its revision's). */
export const requestsOf = (replica: ReplicaRec) => replica.template.resources.requests;

/** Replicas that hold resources on their node: placed and not failed for good. */
export const holdsNode = (replica: ReplicaRec): boolean => replica.node !== undefined && replica.phase !== 'Failed';

/** A node that can run replicas: its agent is up and its host has power. */
export function nodeUp(node: NodeRec): boolean {
  return node.ready && node.powered;
}
