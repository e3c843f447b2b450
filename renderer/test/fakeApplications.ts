// Fake container and application data for renderer tests: one shop application over the default world's container hosts.
import type { ApplicationView, ContainerNode, ReplicaView, ServiceView } from '../../shared/domain/applicationView.ts';
import type { ImageCatalogue } from '../../shared/domain/containerImages.ts';
import type { ContainerDetails } from '../../shared/domain/runtimeDetails.ts';

export function fakeNodes(): ContainerNode[] {
  return [
    ['host-5', 'Workstation', 'ws-lxc'],
    ['host-6', 'Node 1', 'node1-containers'],
    ['host-7', 'Node 2', 'node2-containers'],
  ].map(([hostId, hostName, platformId], i) => ({
    hostId: hostId!,
    hostName: hostName!,
    platformId: platformId!,
    platformName: `${hostName} containers`,
    ready: true,
    podSubnet: `10.244.${i}.0/24`,
    allocatable: { cpus: 3.49, memoryMiB: 14_272 },
    requested: { cpus: 0.5, memoryMiB: 512 },
    replicas: 1,
  }));
}

export function fakeReplica(overrides: Partial<ReplicaView> = {}): ReplicaView {
  return { id: 'app-1:web-1', name: 'shop-web-1', service: 'web', revision: 1, image: 'nginx:1.27', hostId: 'host-5', platformId: 'ws-lxc', ip: '10.244.0.2', phase: 'Running', ready: true, phaseSinceMs: 0, restarts: 0, cpuCores: 0.01, throttled: false, memoryMiB: 10, processes: 3, ...overrides };
}

export function fakeService(overrides: Partial<ServiceView> = {}): ServiceView {
  return {
    name: 'web',
    image: 'nginx:1.27',
    revision: 1,
    desired: 2,
    ready: 1,
    current: 2,
    virtualIp: '10.96.0.10',
    ports: [{ target: 80, published: 8080 }],
    requests: { cpus: 0.25, memoryMiB: 64 },
    limits: { memoryMiB: 128 },
    restart: 'always',
    dependsOn: [],
    update: { maxSurge: 1, maxUnavailable: 0 },
    history: [{ revision: 1, image: 'nginx:1.27', createdAtMs: 0 }],
    traffic: { requestsPerSecond: 50, errorsPerSecond: 0, requestsTotal: 500, errorsTotal: 0 },
    restarts: 0,
    availability: 1,
    ...overrides,
  };
}

export function fakeApplication(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: 'app-1',
    name: 'shop',
    createdAtMs: 0,
    services: [fakeService()],
    replicas: [fakeReplica(), fakeReplica({ id: 'app-1:web-2', name: 'shop-web-2', hostId: undefined, platformId: undefined, ip: undefined, phase: 'Pending', ready: false, reason: '0/3 hosts have host port 8080 free (taken by shop-web-1 on Workstation)' })],
    events: [{ atMs: 1000, service: 'web', replicaId: 'app-1:web-1', reason: 'Scheduled', message: 'shop-web-1: assigned to Workstation', warning: false }],
    ...overrides,
  };
}

export const fakeImageCatalogue: ImageCatalogue = {
  images: [
    { ref: 'alpine:3.20', repository: 'alpine', tag: '3.20', description: 'Alpine Linux 3.20', os: 'alpine64', sizeMiB: 7.8, layers: [{ digest: 'sha256:94e9d8af2201', sizeMiB: 7.8, createdBy: 'ADD alpine' }], command: ['/bin/sh'], exposedPorts: [], baseMemoryMiB: 1, processes: 1, pulledOn: [], usedBy: 0 },
    { ref: 'nginx:1.27', repository: 'nginx', tag: '1.27', description: 'nginx 1.27 web server on Debian 12 slim', os: 'debian64', sizeMiB: 189.1, layers: [{ digest: 'sha256:8a1e25ce7c4f', sizeMiB: 74.8, createdBy: 'ADD debian' }], command: ['nginx'], exposedPorts: [80], baseMemoryMiB: 10, processes: 3, pulledOn: ['host-5'], usedBy: 1 },
    { ref: 'nginx:1.25', repository: 'nginx', tag: '1.25', description: 'nginx 1.25 web server on Debian 12 slim', notes: 'An older version: rolling out to it is a downgrade', os: 'debian64', sizeMiB: 187.4, layers: [{ digest: 'sha256:8a1e25ce7c4f', sizeMiB: 74.8, createdBy: 'ADD debian' }, { digest: 'sha256:3b25b682ea82', sizeMiB: 112.6, createdBy: 'RUN apt-get install nginx=1.25' }], command: ['nginx'], exposedPorts: [80], baseMemoryMiB: 10, processes: 3, pulledOn: [], usedBy: 0 },
  ],
  usage: [{ hostId: 'host-5', hostName: 'Workstation', layersMiB: 189.1, cachedMiB: 189.1, writableMiB: 2, containers: 2, unsharedMiB: 380.2 }],
};

export function fakeContainerDetails(machineId: string): ContainerDetails {
  return {
    shape: 'container',
    machineId,
    settings: { image: 'nginx:1.27', command: ['nginx', '-g', 'daemon off;'], env: { MODE: 'demo' }, ports: [{ host: 8080, container: 80 }], volumes: [], cpuShares: 1024, pidsLimit: 4096, restartPolicy: 'always' },
    imageDescription: 'nginx 1.27 web server on Debian 12 slim',
    layers: [{ digest: 'sha256:8a1e25ce7c4f', sizeMiB: 74.8, createdBy: 'ADD rootfs.tar.xz /', sharedWith: 2 }],
    writableLayerMiB: 1.5,
    namespaces: [{ kind: 'pid', meaning: 'its own process tree' }, { kind: 'net', meaning: 'its own network stack' }],
    network: { bridge: 'virtlab0', subnet: '10.88.4.0/24', gateway: '10.88.4.1', ip: '10.88.4.2', veth: 'veth1a2b3c4', forwards: ['0.0.0.0:8080 → 10.88.4.2:80'] },
    usage: { cpuCores: 0.01, memoryMiB: 12, processes: 11 },
    restartCount: 1,
    lastExit: { reason: 'OOMKilled', message: 'killed by the OOM killer', atMs: 5000 },
    startTookMs: 120,
    kernel: 'linux',
  };
}
