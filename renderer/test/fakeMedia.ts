// Fake backend's model of issue 14: removal plans, the Network Manager's networks, static-IP checks and the Media Manager's lists.
import { AppError } from '../../shared/errors.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { MediaList } from '../../shared/domain/media.ts';
import type { NetworkSpec, StaticIpCheck, VirtualNetwork } from '../../shared/domain/network.ts';
import type { RemovalPlan } from '../../shared/domain/removal.ts';
import type { MethodName } from '../../shared/api/methods.ts';
import { fakeNetworks } from './fakeMachineOps.ts';

export class FakeMedia {
  readonly machines: () => Machine[];
  networks: VirtualNetwork[] = structuredClone(fakeNetworks);
  media: MediaList = {
    disks: [],
    isoImages: [{ id: 'iso-1', name: 'debian-12.7.0-amd64-netinst.iso', sizeMiB: 631, attachedTo: [] }],
    hostDrives: [{ hostId: 'host-1', hostName: 'Atlas', configuredOn: [] }],
  };
  #counter = 0;

  constructor(machines: () => Machine[]) {
    this.machines = machines;
  }

  plan(machine: Machine): RemovalPlan {
    return {
      machineId: machine.id,
      name: machine.name,
      dependents: [],
      choices: [
        { mode: 'removeOnly', freedMiB: 0, keptMiB: 1024, alsoRemoves: [], summary: `"${machine.name}" is forgotten; its disk files (1 GiB) stay` },
        { mode: 'deleteAll', freedMiB: 1024, keptMiB: 0, alsoRemoves: [], summary: `"${machine.name}", its disks, snapshots and saved memory are deleted` },
      ],
    };
  }

  network(method: MethodName, input: Record<string, unknown>): unknown {
    if (method === 'checkStaticIp') {
      const ip = String(input['ip']).trim();
      const taken = this.networks.flatMap((n) => n.leases.map((l) => l.ip));
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return { ok: false, networkId: String(input['networkId']), message: `"${ip}" is not an IPv4 address` } satisfies StaticIpCheck;
      if (taken.includes(ip)) return { ok: false, networkId: String(input['networkId']), message: `${ip} is already used` } satisfies StaticIpCheck;
      return { ok: true, ip, networkId: String(input['networkId']) } satisfies StaticIpCheck;
    }
    if (method === 'deleteNetwork') {
      this.networks = this.networks.filter((n) => n.id !== input['networkId']);
      return { networkId: input['networkId'] };
    }
    const spec = (method === 'createNetwork' ? input : input['spec']) as NetworkSpec;
    const id = method === 'createNetwork' ? `net-${++this.#counter}` : String(input['networkId']);
    const network: VirtualNetwork = {
      id,
      name: spec.name,
      attachment: spec.attachment,
      editable: true,
      subnet: spec.subnet,
      gateway: spec.gateway,
      dhcpServer: spec.dhcpServer,
      dhcpRange: { first: spec.dhcpFirst, last: spec.dhcpLast },
      leases: [],
      staticIps: [],
      ...(spec.hostId === undefined ? {} : { hostId: spec.hostId }),
    };
    this.networks = method === 'createNetwork' ? [...this.networks, network] : this.networks.map((n) => (n.id === id ? network : n));
    return network;
  }

  handle(method: MethodName, input: Record<string, unknown>): unknown {
    if (method === 'addIsoImage') this.media.isoImages.push({ id: `iso-${++this.#counter + 10}`, name: String(input['name']), sizeMiB: Number(input['sizeMiB']), attachedTo: [] });
    if (method === 'removeMedium') {
      const id = String(input['mediumId']);
      const iso = this.media.isoImages.find((i) => i.id === id);
      if (iso?.attachedTo.length) throw new AppError('INVALID_STATE', `"${iso.name}" is in the optical drive of a machine; release it first`, 'mediumId');
      this.media.isoImages = this.media.isoImages.filter((i) => i.id !== id);
      this.media.disks = this.media.disks.filter((d) => d.id !== id);
      return { ...this.media, freedMiB: 0 };
    }
    if (method === 'compactDisk') return { ...this.media, freedMiB: 0 };
    return this.media;
  }
}
