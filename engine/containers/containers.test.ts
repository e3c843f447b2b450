// Standalone containers through the engine: made from an image with no virtual hardware, layers stored once per host,
// published ports that must be free, the OOM killer and PIDs limit with Docker's restart policy, and their details.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { id, recordsOf, refusal, spec } from '../facadeTestKit.ts';
import type { ContainerSpec } from '../../shared/domain/containerSpec.ts';
import { imageCatalogue, requireImage } from './imageCatalogue.ts';
import { layerUsage } from './layerMath.ts';

const container = (n: number, name: string, settings: ContainerSpec, extra: Partial<ReturnType<typeof spec>> = {}) => ({
  id: id(n),
  spec: spec({ name, platformId: 'ws-lxc', osType: 'alpine64', vcpus: 1, memoryMiB: 256, diskGiB: 1, container: settings, ...extra }),
});

describe('layer sharing', () => {
  it('stores each layer once: ten containers of one image take the image once plus ten writable layers', () => {
    const nginx = requireImage('nginx:1.27');
    const size = nginx.layers.reduce((sum, l) => sum + l.sizeMiB, 0);
    const ten = layerUsage(Array.from({ length: 10 }, () => ({ image: nginx, writableMiB: 2 })));
    expect(ten).toMatchObject({ layersMiB: size, writableMiB: 20, containers: 10 });
    expect(ten.unsharedMiB).toBeCloseTo(10 * size + 20, 6);
    // Images built on the same base share it: nginx and postgres both sit on Debian 12.
    const mixed = layerUsage([{ image: nginx, writableMiB: 0 }, { image: requireImage('postgres:16'), writableMiB: 0 }]);
    const debian = requireImage('debian:12-slim').layers[0]!.sizeMiB;
    expect(mixed.layersMiB).toBeCloseTo(size + requireImage('postgres:16').layers.reduce((sum, l) => sum + l.sizeMiB, 0) - debian, 6);
    expect(mixed.unsharedMiB - mixed.layersMiB).toBeCloseTo(debian, 6);
  });

  it('reports, per host, the layers once and what copies would take', () => {
    const engine = new Engine({ seed: 1 });
    for (let n = 1; n <= 10; n += 1) engine.handle('createMachine', container(n, `web-${n}`, { image: 'nginx:1.27' }));
    const { usage, images } = engine.handle('listImages', {});
    const nginx = images.find((image) => image.ref === 'nginx:1.27')!;
    expect(nginx).toMatchObject({ usedBy: 10, pulledOn: ['host-5'], exposedPorts: [80] });
    const exact = requireImage('nginx:1.27').layers.reduce((sum, l) => sum + l.sizeMiB, 0);
    expect(usage).toEqual([{ hostId: 'host-5', hostName: 'Workstation', layersMiB: nginx.sizeMiB, cachedMiB: nginx.sizeMiB, writableMiB: 0, containers: 10, unsharedMiB: Math.round(10 * exact * 10) / 10 }]);
    const details = engine.handle('getRuntimeDetails', { id: id(1) });
    expect(details.shape === 'container' && details.layers.map((l) => l.sharedWith)).toEqual([9, 9, 9]);
  });

  it('has the images the catalogue promises, each with layers that add up', () => {
    expect(imageCatalogue.map((image) => image.repository)).toEqual(expect.arrayContaining(['alpine', 'debian', 'nginx', 'postgres', 'eclipse-temurin']));
    for (const image of imageCatalogue) expect(image.layers.length).toBeGreaterThan(0);
  });
});

describe('standalone containers', () => {
  it('are made from an image: no NIC, no disk with an installed OS, the image\'s userland, and their settings kept', () => {
    const engine = new Engine({ seed: 2 });
    const machine = engine.handle('createMachine', container(1, 'pg', { image: 'postgres:16', env: { POSTGRES_PASSWORD: 'secret' }, ports: [{ host: 5432, container: 5432 }], pidsLimit: 100, cpuQuota: 1.5, restartPolicy: 'always' }));
    expect(machine).toMatchObject({ kind: 'containers', osType: 'debian64', nic: { mac: '' } });
    const config = engine.handle('getMachineConfig', { id: id(1) });
    expect(config.nics).toEqual([]);
    expect(config.disk.ownedMiB).toBe(0);
    const [record] = recordsOf(engine);
    expect(record!.container).toEqual({ image: 'postgres:16', command: ['postgres'], env: { POSTGRES_PASSWORD: 'secret' }, ports: [{ host: 5432, container: 5432 }], volumes: [], cpuShares: 1024, cpuQuota: 1.5, pidsLimit: 100, restartPolicy: 'always' });
    const details = engine.handle('getRuntimeDetails', { id: id(1) });
    expect(details).toMatchObject({
      shape: 'container',
      imageDescription: 'PostgreSQL 16 database server on Debian 12',
      kernel: 'linux',
      network: { bridge: 'virtlab0', subnet: '10.88.4.0/24', gateway: '10.88.4.1', ip: '10.88.4.2', forwards: ['0.0.0.0:5432 → 10.88.4.2:5432'] },
    });
    expect(details.shape === 'container' && details.namespaces.map((ns) => ns.kind)).toEqual(['pid', 'net', 'mnt', 'uts', 'ipc', 'user', 'cgroup']);
  });

  it('start and stop in milliseconds', () => {
    const engine = new Engine({ seed: 3 });
    engine.handle('createMachine', container(1, 'ct', { image: 'alpine:3.20' }));
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(200);
    expect(engine.handle('getMachine', { id: id(1) }).state).toBe('Running');
    const details = engine.handle('getRuntimeDetails', { id: id(1) });
    // The containers kind module's start time: a process, not a boot.
    expect(details.shape === 'container' && details.startTookMs).toBe(120);
  });

  it('refuses a published port another container holds, naming it', () => {
    const engine = new Engine({ seed: 4 });
    engine.handle('createMachine', container(1, 'proxy', { image: 'nginx:1.27', ports: [{ host: 8080, container: 80 }] }));
    const error = refusal(() => engine.handle('createMachine', container(2, 'proxy-2', { image: 'nginx:1.27', ports: [{ host: 8080, container: 80 }] })));
    expect(error.toData()).toEqual({ code: 'CONFLICT', field: 'ports', message: 'Port 8080 on host "Workstation" is already published by "proxy"' });
    const fit = engine.handle('checkFit', { ...container(3, 'proxy-3', { image: 'nginx:1.27', ports: [{ host: 8080, container: 80 }] }).spec });
    expect(fit.verdict).toBe('refused');
  });

  it('refuses a port an application replica publishes on that host, and unknown images', () => {
    const engine = new Engine({ seed: 5 });
    engine.handle('deployApplication', { id: 'app-1', spec: { name: 'edge', services: { web: webService([{ target: 80, published: 9000 }]) } } });
    const host = engine.handle('listApplications', {})[0]!.replicas[0]!.hostId!;
    const platformId = engine.handle('listContainerNodes', {}).find((n) => n.hostId === host)!.platformId;
    const error = refusal(() => engine.handle('createMachine', container(1, 'ct', { image: 'nginx:1.27', ports: [{ host: 9000, container: 80 }] }, { platformId })));
    expect(error.toData()).toEqual({ code: 'CONFLICT', field: 'container.ports', message: 'Host port 9000 is already published by replica edge-web-1' });
    expect(refusal(() => engine.handle('createMachine', container(2, 'ct', { image: 'mysql:8' }))).message).toBe('There is no image "mysql" in the catalogue; choose one of alpine, debian, nginx, postgres, eclipse-temurin, virtlab/shop-api, virtlab/shop-web');
    expect(refusal(() => engine.handle('createMachine', { id: id(3), spec: spec({ name: 'vm', container: { image: 'nginx:1.27' } }) })).field).toBe('container');
  });

  it('restarts a container the OOM killer ended, under its restart policy, and counts it', () => {
    const engine = new Engine({ seed: 6 });
    engine.handle('createMachine', container(1, 'hog', { image: 'alpine:3.20', restartPolicy: 'on-failure' }, { workload: 'memoryHungry' }));
    engine.handle('createMachine', container(2, 'hog-no', { image: 'alpine:3.20' }, { workload: 'memoryHungry' }));
    for (const n of [1, 2]) engine.handle('lifecycle', { id: id(n), action: 'start' });
    let killedAt = -1;
    let restartedAt = -1;
    for (let t = 0; t < 300_000 && restartedAt < 0; t += 100) {
      engine.advance(100);
      const state = engine.handle('getMachine', { id: id(1) }).state;
      if (killedAt < 0 && state === 'PoweredOff') killedAt = engine.simTimeMs;
      if (killedAt >= 0 && state !== 'PoweredOff') restartedAt = engine.simTimeMs;
    }
    expect(killedAt).toBeGreaterThan(0);
    // It had run for minutes, so Docker's back-off starts over at 100 ms.
    expect(restartedAt - killedAt).toBe(100);
    const details = engine.handle('getRuntimeDetails', { id: id(1) });
    expect(details).toMatchObject({ restartCount: 1, lastExit: { reason: 'OOMKilled', message: expect.stringMatching(/killed by the OOM killer: working set \d+ MiB exceeds its 256 MiB limit/) } });
    // Restart policy "no" (Docker's default): it stays off.
    expect(engine.handle('getMachine', { id: id(2) }).state).toBe('PoweredOff');
    expect(engine.handle('getRuntimeDetails', { id: id(2) })).toMatchObject({ restartCount: 0, lastExit: { reason: 'OOMKilled' } });
  });

  it('stops a container that forks past pids.max, and a stop the user asked for is no failure', () => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createMachine', container(1, 'forky', { image: 'alpine:3.20', pidsLimit: 20, restartPolicy: 'always' }, { workload: 'forkExec' }));
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(1500);
    const details = engine.handle('getRuntimeDetails', { id: id(1) });
    expect(details).toMatchObject({ lastExit: { reason: 'Error', message: 'fork failed: Resource temporarily unavailable (pids.max is 20, it needs 61)' } });
    engine.handle('createMachine', container(2, 'calm', { image: 'alpine:3.20', restartPolicy: 'always' }));
    engine.handle('lifecycle', { id: id(2), action: 'start' });
    engine.advance(1000);
    engine.handle('lifecycle', { id: id(2), action: 'stop' });
    engine.advance(5000);
    expect(engine.handle('getMachine', { id: id(2) }).state).toBe('PoweredOff');
    expect(engine.handle('getRuntimeDetails', { id: id(2) })).toMatchObject({ restartCount: 0 });
  });

  it('killed, checkpointed or removed by the user is no failure for the restart policy, and a removal frees its port', () => {
    const engine = new Engine({ seed: 12 });
    engine.handle('createMachine', container(1, 'calm', { image: 'nginx:1.27', ports: [{ host: 8090, container: 80 }], restartPolicy: 'always' }));
    const state = () => engine.handle('getMachine', { id: id(1) }).state;
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(1000);
    // Power Off is SIGKILL: off at once, and "always" does not bring back what the user killed.
    engine.handle('lifecycle', { id: id(1), action: 'powerOff' });
    engine.advance(5000);
    expect(state()).toBe('PoweredOff');
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(1000);
    expect(state()).toBe('Running');
    // A checkpoint leaves it Saved; discarding the checkpoint leaves it off, not restarted.
    engine.handle('lifecycle', { id: id(1), action: 'saveState' });
    engine.advance(5000);
    expect(state()).toBe('Saved');
    engine.handle('lifecycle', { id: id(1), action: 'discardState' });
    engine.advance(5000);
    expect(state()).toBe('PoweredOff');
    expect(engine.handle('getRuntimeDetails', { id: id(1) })).toMatchObject({ restartCount: 0 });
    // A refused command takes nothing back that the policy needs: a stop while off is refused and changes nothing.
    expect(refusal(() => engine.handle('lifecycle', { id: id(1), action: 'stop' })).code).toBe('INVALID_STATE');
    // Nothing of a container could stay behind as an orphaned disk: the one choice deletes its writable layer.
    const plan = engine.handle('planRemoval', { id: id(1) });
    expect(plan.choices.map((c) => [c.mode, c.summary])).toEqual([['deleteAll', '"calm" and its writable layer are deleted (docker rm); the image\'s layers stay in the host\'s layer cache for other containers']]);
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1), mode: 'removeOnly' })).message).toBe('"calm" keeps no files that could stay behind; it can only be deleted with all its files');
    const removed = engine.handle('deleteMachine', { id: id(1), mode: 'deleteAll' });
    expect(removed.removed).toEqual([id(1)]);
    expect(engine.handle('createMachine', container(2, 'calm-2', { image: 'nginx:1.27', ports: [{ host: 8090, container: 80 }] })).name).toBe('calm-2');
  });

  it('have no disk to snapshot or clone and no adapters to configure', () => {
    const engine = new Engine({ seed: 8 });
    engine.handle('createMachine', container(1, 'ct', { image: 'alpine:3.20' }));
    expect(refusal(() => engine.handle('takeSnapshot', { id: id(1), snapshotId: 's1', spec: { name: 'x', withMemory: false } })).message).toMatch(/"ct" is a container: it has no virtual disk to snapshot/);
    expect(refusal(() => engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'ct2', mode: 'full', states: 'currentState', macPolicy: 'generateNew' } })).message).toMatch(/create another container from the same image/);
    const rules = engine.handle('getSettingsRules', { id: id(1) });
    expect(rules.fields.nics).toMatchObject({ editable: false, reason: "A container has no network adapters: it gets an address and a veth on its host's bridge" });
  });

  it('come back after a restart with their settings, image and address', () => {
    const engine = new Engine({ seed: 9 });
    engine.handle('createMachine', container(1, 'web', { image: 'nginx:1.25', ports: [{ host: 8081, container: 80 }], restartPolicy: 'unless-stopped' }));
    const records = recordsOf(engine);
    const restarted = new Engine({ seed: 9 });
    restarted.handle('init', { seed: 9, speed: 1, machines: records });
    const details = restarted.handle('getRuntimeDetails', { id: id(1) });
    expect(details).toMatchObject({ shape: 'container', settings: { image: 'nginx:1.25', restartPolicy: 'unless-stopped' }, network: { forwards: ['0.0.0.0:8081 → 10.88.4.2:80'] } });
    expect(refusal(() => restarted.handle('createMachine', container(2, 'web-2', { image: 'nginx:1.25', ports: [{ host: 8081, container: 80 }] }))).code).toBe('CONFLICT');
  });
});

describe('process VMs', () => {
  it('show a heap, garbage collections and JIT warm-up instead of hardware', () => {
    const engine = new Engine({ seed: 10 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'jvm', platformId: 'ws-jvm', osType: 'other64', vcpus: 2, memoryMiB: 512, diskGiB: 1, workload: 'cpuBatch' }) });
    expect(engine.handle('getMachineConfig', { id: id(1) }).nics).toEqual([]);
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(60_000);
    const details = engine.handle('getRuntimeDetails', { id: id(1) });
    expect(details).toMatchObject({ shape: 'process', hostOs: 'Workstation Linux', heapLimitMiB: 512, jit: { enabled: true } });
    expect(details.shape === 'process' && details.jit.warmPct).toBeGreaterThan(50);
    expect(details.shape === 'process' && details.gc.pauses).toBeGreaterThan(0);
    expect(engine.handle('getRuntimeDetails', { id: id(1) }).shape).toBe('process');
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'vm' }) });
    expect(engine.handle('getRuntimeDetails', { id: id(2) })).toEqual({ shape: 'machine', machineId: id(2) });
  });
});

function webService(ports: { target: number; published?: number }[]) {
  return {
    image: 'nginx:1.27',
    replicas: 1,
    environment: {},
    ports,
    resources: { requests: { cpus: 0.1, memoryMiB: 64 }, limits: {} },
    healthcheck: { intervalS: 5, startPeriodS: 0 },
    restart: 'always' as const,
    dependsOn: [],
    update: { maxSurge: 1, maxUnavailable: 0, progressDeadlineS: 120 },
    requestsPerSecond: 10,
  };
}
