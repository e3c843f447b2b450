// A cluster of container hosts with a hand-driven clock, for orchestrator tests and the scheduling bench.
import { parseApplicationFile } from '../../../shared/domain/applicationFile.ts';
import type { ApplicationView } from '../../../shared/domain/applicationView.ts';
import { LayerCache } from '../../containers/layerCache.ts';
import type { ClusterPort, NodeInfo } from '../cluster.ts';
import { Orchestrator } from '../orchestrator.ts';

export interface TestCluster {
  readonly orchestrator: Orchestrator;
  readonly layers: LayerCache;
  /** Standalone containers holding host ports: `${hostId}:${port}` → name. */
  readonly ports: Map<string, string>;
  nowMs(): number;
  /** Moves time in 100 ms steps, ticking the orchestrator each step; calls `each` after every step. */
  advance(ms: number, each?: () => void): void;
  /** Deploys a YAML application file. */
  deploy(yaml: string, id?: string): ApplicationView;
  app(id?: string): ApplicationView;
}

export function node(n: number, cpus = 4, memoryMiB = 16_384): NodeInfo {
  return { hostId: `host-${n}`, hostName: `Node ${n}`, platformId: `node-${n}-containers`, platformName: `Node ${n} containers`, cpus, memoryMiB, startMs: 120, stopMs: 50 };
}

export function testCluster(nodes: readonly NodeInfo[]): TestCluster {
  let now = 0;
  const ports = new Map<string, string>();
  const cluster: ClusterPort = { nowMs: () => now, nodes: () => [...nodes], portHolder: (hostId, port) => ports.get(`${hostId}:${port}`), hostPowered: () => true };
  const layers = new LayerCache();
  const orchestrator = new Orchestrator(cluster, layers);
  return {
    orchestrator,
    layers,
    ports,
    nowMs: () => now,
    advance(ms, each) {
      const end = now + ms;
      while (now < end) {
        now += 100;
        orchestrator.tick();
        each?.();
      }
    },
    deploy: (yaml, id = 'app-1') => orchestrator.deploy(id, parseApplicationFile(yaml)),
    app: (id = 'app-1') => orchestrator.view(id),
  };
}
