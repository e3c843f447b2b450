// Test and bench support: a rack of identical type 1 hosts in one cluster, with a data center around it.
import type { ClusterSettingsPatch } from '../../shared/domain/datacenter.ts';
import type { WorkloadName } from '../sim/types.ts';
import { SimWorld } from '../sim/world.ts';
import { Datacenter } from './datacenter.ts';
import { simOnlyPort } from './datacenterPorts.ts';

export interface Rack {
  readonly world: SimWorld;
  readonly dc: Datacenter;
  readonly hostIds: string[];
}

export const rackHost = (i: number): string => `r${String(i + 1).padStart(2, '0')}`;

export function rack(hosts: number, settings: ClusterSettingsPatch = {}, seed = 1, cores = 8): Rack {
  const world = new SimWorld(seed);
  const hostIds = Array.from({ length: hosts }, (_, i) => rackHost(i));
  for (const id of hostIds) {
    world.addHost({ name: id, cores, memoryMiB: 32_768 });
    world.addPlatform({ name: `esx-${id}`, kind: 'type1', on: { host: id } });
  }
  const dc = new Datacenter(world, { clusters: [{ id: 'rack', name: 'Rack', hostIds, settings }] }, simOnlyPort((id) => world.guest(id).diskGiB, (id) => world.start(id)));
  return { world, dc, hostIds };
}

/** One running guest per host (or on the hosts given), named after its host. */
export function fill(r: Rack, workload: WorkloadName = 'web', vcpus = 1, hosts: readonly string[] = r.hostIds, memoryMiB = 2048): string[] {
  return hosts.map((hostId) => {
    const name = `srv-${hostId}`;
    r.world.addGuest({ name, platform: `esx-${hostId}`, vcpus, memoryMiB, workload });
    r.world.start(name);
    return name;
  });
}

/** Advances whole seconds until `done()` or the bound (a bug then fails instead of hanging). */
export function until(r: Rack, done: () => boolean, maxS = 1200): void {
  for (let s = 0; s < maxS && !done(); s++) r.world.advance(1000);
  if (!done()) throw new Error(`not done after ${maxS} simulated seconds`);
}
