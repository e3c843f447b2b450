// The scheduler: filters hosts that can take a replica (up, enough CPU and memory free by requests, its host ports free,
// an address left), then prefers the host with the fewest replicas of the same service (spreading), then the least
// allocated one. A replica no host can take gets the reason, counted per host, as Kubernetes reports it.
import { formatCpus, formatMemory } from '../../shared/domain/quantities.ts';
import { nodeUp, type NodeRec } from './model.ts';

export interface PlacementRequest {
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly hostPorts: readonly number[];
  /** Replicas of the same service per node index. */
  readonly perNode: Int32Array;
}

/** Who holds a host port on a node: a replica (by name) or a standalone container. */
export type PortHolder = (node: NodeRec, port: number) => string | undefined;

export type Placement = { readonly node: NodeRec } | { readonly reason: string };

/** Pod addresses per node: .2 … .254 of its /24. */
export const podAddresses = 253;

type Misfit = 'down' | 'port' | 'cpu' | 'memory' | 'addresses';

export function pickNode(nodes: readonly NodeRec[], request: PlacementRequest, portHolder: PortHolder): Placement {
  let best: NodeRec | undefined;
  let bestSpread = Infinity;
  let bestFree = -Infinity;
  const misfits: Record<Misfit, number> = { down: 0, port: 0, cpu: 0, memory: 0, addresses: 0 };
  let portTaken: { port: number; holder: string; host: string } | undefined;
  for (const node of nodes) {
    if (!nodeUp(node)) {
      misfits.down += 1;
      continue;
    }
    let blocked = false;
    for (const port of request.hostPorts) {
      const holder = portHolder(node, port);
      if (holder === undefined) continue;
      portTaken ??= { port, holder, host: node.hostName };
      blocked = true;
      break;
    }
    if (blocked) {
      misfits.port += 1;
      continue;
    }
    const cpuFree = node.cpus - node.requestedCpus;
    if (cpuFree + 1e-9 < request.cpus) {
      misfits.cpu += 1;
      continue;
    }
    const memoryFree = node.memoryMiB - node.requestedMiB;
    if (memoryFree < request.memoryMiB) {
      misfits.memory += 1;
      continue;
    }
    if (node.freeIps.length === 0 && node.nextIp > podAddresses + 1) {
      misfits.addresses += 1;
      continue;
    }
    const spread = request.perNode[node.index] ?? 0;
    // Least allocated after placing it: the mean of the CPU and memory shares left free.
    const free = (cpuFree - request.cpus) / node.cpus + (memoryFree - request.memoryMiB) / node.memoryMiB;
    if (spread < bestSpread || (spread === bestSpread && free > bestFree + 1e-12)) {
      best = node;
      bestSpread = spread;
      bestFree = free;
    }
  }
  if (best) return { node: best };
  return { reason: unschedulableReason(nodes.length, misfits, request, portTaken) };
}

/**
 * "0/3 hosts have 2 CPUs free" when one reason rules out every host, else
 * "0/4 hosts can run it: 2 have less than 2 CPUs free, 1 is down".
 */
function unschedulableReason(total: number, misfits: Record<Misfit, number>, request: PlacementRequest, port: { port: number; holder: string; host: string } | undefined): string {
  if (total === 0) return 'no host runs a container platform';
  const cpus = formatCpus(request.cpus);
  const memory = formatMemory(request.memoryMiB);
  const only: Partial<Record<Misfit, string>> = {
    down: `0/${total} hosts are up`,
    cpu: `0/${total} hosts have ${cpus} free`,
    memory: `0/${total} hosts have ${memory} memory free`,
    port: `0/${total} hosts have host port ${port?.port ?? '?'} free (${port ? `taken by ${port.holder} on ${port.host}` : 'taken'})`,
    addresses: `0/${total} hosts have a pod address left`,
  };
  const kinds = (Object.keys(misfits) as Misfit[]).filter((kind) => misfits[kind] > 0);
  if (kinds.length === 1) return only[kinds[0]!]!;
  const phrase = (kind: Misfit, n: number): string => {
    const many = n !== 1;
    switch (kind) {
      case 'down':
        return `${n} ${many ? 'are' : 'is'} down`;
      case 'cpu':
        return `${n} ${many ? 'have' : 'has'} less than ${cpus} free`;
      case 'memory':
        return `${n} ${many ? 'have' : 'has'} less than ${memory} memory free`;
      case 'port':
        return `${n} ${many ? 'have' : 'has'} host port ${port?.port ?? '?'} taken${port ? ` (by ${port.holder} on ${port.host})` : ''}`;
      case 'addresses':
        return `${n} ${many ? 'have' : 'has'} no pod address left`;
    }
  };
  return `0/${total} hosts can run it: ${kinds.map((kind) => phrase(kind, misfits[kind])).join(', ')}`;
}
