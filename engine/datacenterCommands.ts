// Engine commands of the data center (migrations, consolidation, host actions, cluster settings, reports) and its port.
import { AppError } from '../shared/errors.ts';
import type { EngineInput, EngineOutput } from '../shared/engine/protocol.ts';
import type { EngineCoreCommand } from './commandSchemas.ts';
import { Datacenter } from './datacenter/datacenter.ts';
import type { DatacenterConfig } from './datacenter/clusterConfig.ts';
import type { DatacenterPort } from './datacenter/datacenterPorts.ts';
import { toContractError } from './fitView.ts';
import { checkStart } from './network/conflicts.ts';
import type { FacadePort } from './operations.ts';
import type { SimWorld } from './sim/world.ts';
import { planStorageMove } from './storage/storageMove.ts';

export const datacenterCommands = [
  'getDatacenter',
  'planMigration',
  'startMigration',
  'cancelMigration',
  'planConsolidation',
  'consolidate',
  'balanceCluster',
  'hostAction',
  'updateCluster',
  'setHostLink',
  'setRestartPriority',
  'getRunReport',
] as const satisfies readonly EngineCoreCommand[];
export type DatacenterCommand = (typeof datacenterCommands)[number];

type Handlers = { [C in DatacenterCommand]: (input: EngineInput<C>) => EngineOutput<C> };

/** The data center of a world, reaching the facade's disks and start checks through `port`. */
export function createDatacenter(world: SimWorld, config: DatacenterConfig, port: FacadePort): Datacenter {
  const facade: DatacenterPort = {
    diskMiB(machineId) {
      const configs = port.configs;
      let mib = 0;
      for (const id of configs.imagesOf(machineId)) mib += configs.disks.require(id).allocatedMiB;
      return mib;
    },
    planMove: (machineId, hostId) => planStorageMove(port, machineId, hostId),
    start(machineId) {
      checkStart(port, machineId);
      world.start(machineId);
    },
  };
  return new Datacenter(world, config, facade);
}

/** Refusals from the core become the contract's errors (field names as the API uses them). */
function contract<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof AppError ? toContractError(error) : error;
  }
}

export function datacenterHandlers(dc: () => Datacenter, world: () => SimWorld): Handlers {
  return {
    getDatacenter: () => dc().view(),
    planMigration: ({ id }) => dc().planMigration(id),
    startMigration: ({ id, platformId, maxRounds, maxDowntimeMs }) =>
      contract(() => dc().startMigration(id, platformId, { reason: 'user', ...(maxRounds === undefined ? {} : { maxRounds }), ...(maxDowntimeMs === undefined ? {} : { maxDowntimeMs }) })),
    cancelMigration: ({ migrationId }) => dc().cancelMigration(migrationId),
    planConsolidation: ({ clusterId, ...overrides }) => dc().planConsolidation(clusterId, overrides),
    consolidate: ({ clusterId, ...overrides }) => contract(() => dc().consolidate(clusterId, overrides)),
    balanceCluster: ({ clusterId }) => ({ decisions: dc().balanceNow(clusterId) }),
    hostAction: ({ hostId, action }) => {
      const operation = contract(() => dc().hostAction(hostId, action));
      const host = dc().view().hosts.find((h) => h.hostId === hostId)!;
      return operation ? { host, operation } : { host };
    },
    updateCluster: ({ clusterId, patch }) => dc().updateCluster(clusterId, patch),
    setHostLink: ({ hostId, gbps }) => {
      dc().setLink(hostId, gbps);
      return dc().view().hosts.find((h) => h.hostId === hostId)!;
    },
    setRestartPriority: ({ id, priority }) => {
      world().guest(id);
      dc().setRestartPriority(id, priority);
      return { id, priority };
    },
    getRunReport: ({ clusterId, fromMs, toMs }) => dc().runReport(clusterId, fromMs, toMs),
  };
}
