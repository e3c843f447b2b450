// Where the orchestrator's nodes come from: every platform whose kind runs containers, with its capacity and life-cycle
// times as the simulation and the kind module give them, and who holds a host port outside the orchestrator.
import { kindModule } from '../kinds/registry.ts';
import type { SimWorld } from '../sim/world.ts';

export interface NodeInfo {
  readonly hostId: string;
  readonly hostName: string;
  readonly platformId: string;
  readonly platformName: string;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly startMs: number;
  readonly stopMs: number;
}

export interface ClusterPort {
  nowMs(): number;
  /** Hosts that run a container platform, in the world's order (one node per host: its first such platform). */
  nodes(): NodeInfo[];
  /** A machine (standalone container) publishing `port` on the host, by name. */
  portHolder(hostId: string, port: number): string | undefined;
  /** Whether the host has power: the data center can fail it or power it off, and its containers go with it. */
  hostPowered(hostId: string): boolean;
}

/** The cluster as the simulated world has it. */
export function worldCluster(world: () => SimWorld): ClusterPort {
  return {
    nowMs: () => world().nowMs,
    nodes: () => {
      const nodes: NodeInfo[] = [];
      const seen = new Set<string>();
      for (const host of world().listHosts()) {
        for (const platform of host.platforms) {
          const module = kindModule(platform.kind);
          if (module.guestRuntime !== 'container' || seen.has(host.id)) continue;
          seen.add(host.id);
          const times = module.lifecycleMs(1);
          nodes.push({
            hostId: host.id,
            hostName: host.name,
            platformId: platform.id,
            platformName: platform.name,
            cpus: platform.capacity.cores,
            memoryMiB: platform.capacity.memoryMiB,
            startMs: times.startMs,
            stopMs: times.stopMs,
          });
        }
      }
      return nodes;
    },
    portHolder: (hostId, port) => world().portHolder(hostId, port),
    hostPowered: (hostId) => {
      const power = world().cluster.hostPower(hostId);
      return power === 'on' || power === 'maintenance';
    },
  };
}
