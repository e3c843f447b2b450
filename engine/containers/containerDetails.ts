// A standalone container's details: image and layers (with how many other containers share each), limits, namespaces,
// its address and veth on the host's bridge, and the restart policy's state. No virtual hardware.
import type { ContainerDetails } from '../../shared/domain/runtimeDetails.ts';
import type { SimWorld } from '../sim/world.ts';
import type { ContainerRuntime } from './containerRuntime.ts';
import { layerReaders } from './layerMath.ts';

/** What each namespace gives the container its own copy of. */
export const namespaceMeanings: ContainerDetails['namespaces'] = [
  { kind: 'pid', meaning: 'its own process tree: its main process is PID 1 and it sees no host processes' },
  { kind: 'net', meaning: 'its own network stack: interfaces, address, routes, ports and firewall rules' },
  { kind: 'mnt', meaning: 'its own mount table: the image layers and volumes as its root file system' },
  { kind: 'uts', meaning: 'its own host name' },
  { kind: 'ipc', meaning: 'its own System V IPC and POSIX message queues' },
  { kind: 'user', meaning: 'its own user and group ids: root inside maps to an unprivileged user outside' },
  { kind: 'cgroup', meaning: 'its own view of the cgroup tree, rooted at its cgroup (where its limits live)' },
];

/** The bridge every container of a host hangs off, Podman-style: 10.88.<host>.0/24 with the host at .1. */
export function bridgeOf(ip: string | undefined): { bridge: string; subnet: string; gateway: string } {
  const prefix = ip?.replace(/\.\d+$/, '') ?? '10.88.0';
  return { bridge: 'virtlab0', subnet: `${prefix}.0/24`, gateway: `${prefix}.1` };
}

/** The host end of a container's veth pair: "veth" and 7 hex digits derived from its id, as Docker names them. */
export function vethName(id: string): string {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619) >>> 0;
  return `veth${hash.toString(16).padStart(8, '0').slice(0, 7)}`;
}

export interface DetailsSources {
  readonly world: SimWorld;
  readonly runtime: ContainerRuntime;
  /** Space the container's writable layer holds now. */
  writableMiB(id: string): number;
  /** The host kernel the platform's containers share. */
  kernelOf(platformId: string): string;
}

export function containerDetails(sources: DetailsSources, id: string): ContainerDetails | undefined {
  const { world, runtime } = sources;
  const settings = runtime.settings(id);
  const image = runtime.image(id);
  const state = runtime.state(id);
  if (!settings || !image || !state) return undefined;
  const guest = world.guest(id);
  const onHost = runtime.entries().filter((entry) => world.guest(entry.id).hostId === guest.hostId);
  const readers = layerReaders(onHost.map((entry) => ({ image: entry.image, writableMiB: 0 })));
  const running = guest.state !== 'PoweredOff';
  const second = running ? world.lastSecond(id) : undefined;
  const net = bridgeOf(guest.ip);
  const details: ContainerDetails = {
    shape: 'container',
    machineId: id,
    settings: { ...settings, command: [...settings.command], env: { ...settings.env }, ports: settings.ports.map((p) => ({ ...p })), volumes: settings.volumes.map((v) => ({ ...v })) },
    imageDescription: image.description,
    layers: image.layers.map((layer) => ({ digest: layer.digest, sizeMiB: layer.sizeMiB, createdBy: layer.createdBy, sharedWith: Math.max(0, (readers.get(layer.digest) ?? 1) - 1) })),
    writableLayerMiB: Math.round(sources.writableMiB(id) * 10) / 10,
    namespaces: namespaceMeanings.map((ns) => ({ ...ns })),
    network: {
      ...net,
      ...(guest.ip === undefined ? {} : { ip: guest.ip }),
      veth: vethName(id),
      forwards: settings.ports.map((port) => `0.0.0.0:${port.host} → ${guest.ip ?? '?'}:${port.container}`),
    },
    usage: {
      cpuCores: second ? Math.round(second.cpuCores * 1000) / 1000 : 0,
      memoryMiB: second ? Math.round(second.memoryUsedMiB) : 0,
      processes: runtime.processes(world, id),
    },
    restartCount: state.restartCount,
    kernel: sources.kernelOf(guest.platformId),
  };
  if (state.lastExit) details.lastExit = { ...state.lastExit };
  if (state.restartAtMs !== undefined) details.restartAtMs = state.restartAtMs;
  if (guest.lastStartTookMs >= 0) details.startTookMs = guest.lastStartTookMs;
  return details;
}
