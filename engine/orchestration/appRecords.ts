// What the library keeps of an application: its desired state, each service's revisions and address, where replicas ran.
import type { ApplicationRecord } from '../../shared/domain/applicationRecord.ts';
import type { AppRec } from './model.ts';

export function toApplicationRecord(app: AppRec): ApplicationRecord {
  const services: ApplicationRecord['services'] = {};
  const specs: ApplicationRecord['spec']['services'] = {};
  for (const service of app.services) {
    if (service.removed) continue;
    // The desired state now: scaling and rollouts changed replicas and images since the file was deployed.
    specs[service.name] = JSON.parse(JSON.stringify(service.spec)) as typeof service.spec;
    services[service.name] = {
      revision: service.revision,
      revisions: service.revisions.map((r) => ({ revision: r.revision, image: r.image, createdAtMs: r.createdAtMs })),
      virtualIp: service.virtualIp,
      nextReplica: service.nextReplica,
    };
    const rollout = service.rollout;
    if (rollout) {
      services[service.name]!.rollout = {
        fromRevision: rollout.fromRevision,
        toRevision: rollout.toRevision,
        fromImage: rollout.fromImage,
        toImage: rollout.toImage,
        startedAtMs: rollout.startedAtMs,
        state: rollout.state,
        ...(rollout.finishedAtMs === undefined ? {} : { finishedAtMs: rollout.finishedAtMs }),
      };
    }
  }
  return {
    id: app.id,
    spec: { name: app.name, services: specs },
    createdAtMs: app.createdAtMs,
    services,
    // Replicas on their way out are not brought back.
    replicas: app.replicas
      .filter((r) => r.phase !== 'Terminating' && !r.service.removed)
      .map((r) => ({ id: r.id, service: r.service.name, revision: r.revision, ...(r.node ? { hostId: r.node.hostId } : {}), restarts: r.restarts, createdAtMs: r.createdAtMs })),
  };
}
