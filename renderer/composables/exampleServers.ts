// The course's consolidation example in the app: one lightly loaded web server started on each host of a cluster.
import type { HostStatus } from '../../shared/domain/datacenter.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';

/** One vCPU of a web server: well under 10 % of an 8-core host, bursts included. */
export const exampleServerSpec = { osType: 'ubuntu64', vcpus: 1, memoryMiB: 2048, diskGiB: 20, workload: 'web' } as const;

/** "web-rack-01", or "web-rack-01-2" when that name is taken. */
export function exampleName(hostName: string, taken: ReadonlySet<string>): string {
  const base = `web-${hostName.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  let name = base;
  for (let n = 2; taken.has(machineNameKey(name)); n++) name = `${base}-${n}`;
  return name;
}

/** Creates and starts one example server per host; stops at the first refusal (thrown for the caller to show). */
export async function createExampleServers(hosts: readonly HostStatus[]): Promise<number> {
  const machines = useMachinesStore();
  const taken = new Set(machines.items.map((m) => machineNameKey(m.name)));
  let made = 0;
  for (const host of hosts) {
    const name = exampleName(host.name, taken);
    taken.add(machineNameKey(name));
    const machine = await machines.create({ name, ...exampleServerSpec, hostId: host.hostId });
    await machines.runAction('start', machine.id);
    made += 1;
  }
  return made;
}
