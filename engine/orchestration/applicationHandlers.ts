// The engine's answers to container and application commands: runtime details, the image catalogue, and the
// orchestrator's commands and queries.
import type { ImageCatalogue } from '../../shared/domain/containerImages.ts';
import type { EngineInput, EngineOutput } from '../../shared/engine/protocol.ts';
import { containerDetails } from '../containers/containerDetails.ts';
import type { ContainerRuntime } from '../containers/containerRuntime.ts';
import { imageCatalogue, imageSizeMiB } from '../containers/imageCatalogue.ts';
import type { CatalogueImage } from '../containers/imageCatalogue.ts';
import { layerUsage } from '../containers/layerMath.ts';
import type { ContainerLayers } from '../containers/layerMath.ts';
import { kindModule } from '../kinds/registry.ts';
import type { MachineConfigStore } from '../machineConfigStore.ts';
import { processVmDetails } from '../processVms/processVmDetails.ts';
import type { SimWorld } from '../sim/world.ts';
import type { ApplicationCommand } from './applicationCommandSchemas.ts';
import type { Orchestrator } from './orchestrator.ts';

export interface ApplicationPort {
  world(): SimWorld;
  containers(): ContainerRuntime;
  apps(): Orchestrator;
  configs(): MachineConfigStore;
  /** NOT_FOUND unless the machine exists. */
  requireMachine(id: string): string;
}

type Handlers = { [C in ApplicationCommand]: (input: EngineInput<C>) => EngineOutput<C> };

export function applicationHandlers(port: ApplicationPort): Handlers {
  return {
    getRuntimeDetails: ({ id }) => {
      const world = port.world();
      port.requireMachine(id);
      const guest = world.guest(id);
      const runtime = kindModule(guest.kind).guestRuntime ?? 'machine';
      if (runtime === 'process') return processVmDetails(world, id, platformSettings(world, guest.platformId));
      if (runtime === 'container') {
        const details = containerDetails(
          {
            world,
            runtime: port.containers(),
            writableMiB: (machineId) => {
              const config = port.configs().configs.get(machineId);
              return config ? port.configs().disks.require(config.currentImageId).allocatedMiB : 0;
            },
            kernelOf: (platformId) => String(platformSettings(world, platformId)['kernel'] ?? 'linux'),
          },
          id,
        );
        if (details) return details;
      }
      return { shape: 'machine', machineId: id };
    },
    listImages: () => catalogue(port),
    listApplications: () => port.apps().list(),
    getApplication: ({ id }) => port.apps().view(id),
    deployApplication: ({ id, spec }) => port.apps().deploy(id, spec),
    removeApplication: ({ id }) => {
      port.apps().remove(id);
      return { id };
    },
    scaleService: ({ id, service, replicas }) => port.apps().scale(id, service, replicas),
    rolloutService: ({ id, service, image }) => port.apps().rollout(id, service, image),
    rollbackService: ({ id, service }) => port.apps().rollback(id, service),
    failContainer: ({ id, service, replicaId }) => port.apps().failContainer(id, service, replicaId),
    failContainerHost: ({ hostId }) => {
      port.apps().failHost(hostId);
      return port.apps().nodes();
    },
    recoverContainerHost: ({ hostId }) => {
      port.apps().recoverHost(hostId);
      return port.apps().nodes();
    },
    listContainerNodes: () => port.apps().nodes(),
  };
}

function platformSettings(world: SimWorld, platformId: string): Readonly<Record<string, string | number | boolean>> {
  for (const host of world.listHosts()) for (const platform of host.platforms) if (platform.id === platformId) return platform.settings;
  return {};
}

/** Every image with where it is pulled and who uses it, and per host the space layer sharing saves. */
function catalogue(port: ApplicationPort): ImageCatalogue {
  const world = port.world();
  const containers = port.containers();
  const byHost = new Map<string, ContainerLayers[]>();
  const users = new Map<CatalogueImage, number>();
  const add = (hostId: string, image: CatalogueImage, writableMiB: number) => {
    byHost.set(hostId, [...(byHost.get(hostId) ?? []), { image, writableMiB }]);
    users.set(image, (users.get(image) ?? 0) + 1);
  };
  for (const { id, image } of containers.entries()) {
    const config = port.configs().configs.get(id);
    add(world.guest(id).hostId, image, config ? port.configs().disks.require(config.currentImageId).allocatedMiB : 0);
  }
  for (const replica of port.apps().replicaImages()) add(replica.hostId, replica.image, replica.writableMiB);
  const now = world.nowMs;
  const hostIds = world.hostIds().filter((hostId) => byHost.has(hostId) || containers.layers.storedMiB(hostId) > 0);
  return {
    images: imageCatalogue.map((image) => ({
      ref: image.ref,
      repository: image.repository,
      tag: image.tag,
      description: image.description,
      os: image.os,
      sizeMiB: round1(imageSizeMiB(image)),
      layers: image.layers.map((layer) => ({ ...layer })),
      command: [...image.command],
      exposedPorts: [...image.exposedPorts],
      baseMemoryMiB: image.process.baseMemoryMiB,
      processes: image.process.processes,
      ...(image.notes === undefined ? {} : { notes: image.notes }),
      pulledOn: world.hostIds().filter((hostId) => containers.layers.hasImage(hostId, image, now)),
      usedBy: users.get(image) ?? 0,
    })),
    usage: hostIds.map((hostId) => {
      const totals = layerUsage(byHost.get(hostId) ?? []);
      return {
        hostId,
        hostName: world.host(hostId)?.name ?? hostId,
        layersMiB: round1(totals.layersMiB),
        // Images of removed containers stay in the cache until pruned, as with Docker.
        cachedMiB: round1(containers.layers.storedMiB(hostId)),
        writableMiB: round1(totals.writableMiB),
        containers: totals.containers,
        unsharedMiB: round1(totals.unsharedMiB),
      };
    }),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
