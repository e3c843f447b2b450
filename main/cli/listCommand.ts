// `virtlab list [vms|ostypes|hosts|platforms|networks|media]`: what VBoxManage list / virsh list users look for.
import type { AppApi } from '../../shared/api/methods.ts';
import { UsageError } from './cliErrors.ts';
import type { CommandOutput } from './commandTypes.ts';
import { defineCommand } from './commandTypes.ts';
import { formatMachineList } from './machineText.ts';
import { formatMiB, formatTable } from './table.ts';

export const listKinds = ['vms', 'ostypes', 'hosts', 'platforms', 'networks', 'media'] as const;
type ListKind = (typeof listKinds)[number];

const listers: Record<ListKind, (api: AppApi) => Promise<CommandOutput>> = {
  vms: async (api) => {
    const machines = await api.listMachines({});
    return { json: machines, text: formatMachineList(machines) };
  },
  ostypes: async (api) => {
    const types = await api.listOsTypes({});
    const text = formatTable(types, [
      { header: 'ID', value: (t) => t.id },
      { header: 'DESCRIPTION', value: (t) => t.label },
      { header: 'FAMILY', value: (t) => t.family },
      { header: 'ISA', value: (t) => t.isa },
      { header: 'VCPUS', value: (t) => t.recommended.vcpus, align: 'right' },
      { header: 'MEMORY', value: (t) => formatMiB(t.recommended.memoryMiB), align: 'right' },
      { header: 'DISK', value: (t) => `${t.recommended.diskGiB} GiB`, align: 'right' },
    ], 'No OS types.');
    return { json: types, text };
  },
  hosts: async (api) => {
    const hosts = await api.listHosts({});
    const text = formatTable(hosts, [
      { header: 'NAME', value: (h) => h.name },
      { header: 'ISA', value: (h) => h.isa },
      { header: 'CORES', value: (h) => h.cores, align: 'right' },
      { header: 'MEMORY', value: (h) => formatMiB(h.memoryMiB), align: 'right' },
      { header: 'COMMITTED', value: (h) => `${h.committed.vcpus} vCPUs, ${formatMiB(h.committed.memoryMiB)}`, align: 'right' },
      { header: 'PLATFORMS', value: (h) => h.platforms.length, align: 'right' },
      { header: 'ID', value: (h) => h.id },
    ], 'No hosts.');
    return { json: hosts, text };
  },
  platforms: async (api) => {
    const platforms = (await api.listHosts({})).flatMap((host) => host.platforms.map((platform) => ({ ...platform, hostName: host.name })));
    const text = formatTable(platforms, [
      { header: 'NAME', value: (p) => p.name },
      { header: 'KIND', value: (p) => p.kind },
      { header: 'HOST', value: (p) => p.hostName },
      { header: 'GUESTS', value: (p) => (p.acceptsGuests ? 'yes' : 'no') },
      { header: 'CHAIN', value: (p) => p.chain.join(' > ') },
      { header: 'ID', value: (p) => p.id },
    ], 'No platforms.');
    return { json: platforms, text };
  },
  networks: async (api) => {
    const networks = await api.listNetworks({});
    const text = formatTable(networks, [
      { header: 'NAME', value: (n) => n.name },
      { header: 'TYPE', value: (n) => n.attachment },
      { header: 'SUBNET', value: (n) => n.subnet },
      { header: 'GATEWAY', value: (n) => n.gateway },
      { header: 'DHCP RANGE', value: (n) => `${n.dhcpRange.first}-${n.dhcpRange.last}` },
      { header: 'LEASES', value: (n) => n.leases.length, align: 'right' },
      { header: 'ID', value: (n) => n.id },
    ], 'No networks.');
    return { json: networks, text };
  },
  media: async (api) => {
    const [pools, machines] = await Promise.all([api.listStorage({}), api.listMachines({})]);
    const owner = new Map(machines.map((m) => [m.id, m.name]));
    const images = pools.flatMap((pool) => pool.images.map((image) => ({ ...image, pool: pool.name })));
    const text = formatTable(images, [
      { header: 'ID', value: (i) => i.id },
      { header: 'KIND', value: (i) => i.kind },
      { header: 'ALLOCATION', value: (i) => i.allocation },
      { header: 'CAPACITY', value: (i) => formatMiB(i.capacityMiB), align: 'right' },
      { header: 'USED', value: (i) => formatMiB(i.allocatedMiB), align: 'right' },
      { header: 'POOL', value: (i) => i.pool },
      { header: 'MACHINE', value: (i) => (i.ownerMachineId === undefined ? '-' : (owner.get(i.ownerMachineId) ?? i.ownerMachineId)) },
    ], 'No disk images.');
    return { json: images, text };
  },
};

export const listCommand = defineCommand({
  name: 'list',
  summary: 'List machines, OS types, hosts, platforms, networks or disk images',
  help: `Usage: virtlab list [vms|ostypes|hosts|platforms|networks|media] [--json]

  vms        Every machine, ordered by name (the default): state, OS, vCPUs, memory, disk, platform, id.
  ostypes    OS types "create --os" accepts, with their recommended sizes.
  hosts      Physical hosts with cores, memory and what their machines have committed.
  platforms  Platforms (kinds of virtualization) on every host; "create --platform" takes one.
  networks   Virtual networks with subnet, gateway, DHCP range and leases.
  media      Disk images (base and differencing) in every storage pool.
With --json, prints the API's objects as a JSON array.`,
  options: {},
  readOnly: true,
  parse: ({ positionals }) => {
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${String(positionals[1]).slice(0, 60)}"`, 'list');
    const kind = positionals[0] ?? 'vms';
    if (!(listKinds as readonly string[]).includes(kind)) throw new UsageError(`cannot list "${kind.slice(0, 40)}"; choose one of ${listKinds.join(', ')}`, 'list');
    return { kind: kind as ListKind };
  },
  run: ({ api }, { kind }) => listers[kind](api),
});
