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
    const [networks, hosts] = await Promise.all([api.listNetworks({}), api.listHosts({})]);
    const hostNames = new Map(hosts.map((host) => [host.id, host.name]));
    const text = formatTable(networks, [
      { header: 'NAME', value: (n) => n.name },
      { header: 'TYPE', value: (n) => n.attachment },
      { header: 'HOST', value: (n) => (n.hostId === undefined ? '-' : (hostNames.get(n.hostId) ?? n.hostId)) },
      { header: 'SUBNET', value: (n) => n.subnet },
      { header: 'GATEWAY', value: (n) => n.gateway },
      { header: 'DHCP RANGE', value: (n) => `${n.dhcpRange.first}-${n.dhcpRange.last}` },
      { header: 'LEASES', value: (n) => n.leases.length, align: 'right' },
      { header: 'ID', value: (n) => n.id },
    ], 'No networks.');
    return { json: networks, text };
  },
  media: async (api) => {
    const media = await api.listMedia({});
    const disks = formatTable(media.disks, [
      { header: 'FILE', value: (d) => d.fileName },
      { header: 'ROLE', value: (d) => d.role },
      { header: 'ALLOCATION', value: (d) => d.allocation },
      { header: 'CAPACITY', value: (d) => formatMiB(d.capacityMiB), align: 'right' },
      { header: 'USED', value: (d) => formatMiB(d.allocatedMiB), align: 'right' },
      { header: 'ATTACHED TO', value: (d) => (d.orphaned ? 'orphaned' : d.attachedTo.map((m) => m.name).join(', ')) },
      { header: 'ID', value: (d) => d.id },
    ], 'No disk images.');
    const isos = formatTable(media.isoImages, [
      { header: 'ISO IMAGE', value: (i) => i.name },
      { header: 'SIZE', value: (i) => (i.sizeMiB > 0 ? formatMiB(i.sizeMiB) : 'unknown'), align: 'right' },
      { header: 'IN THE DRIVE OF', value: (i) => i.attachedTo.map((m) => m.name).join(', ') || '-' },
      { header: 'ID', value: (i) => i.id },
    ], 'No ISO images.');
    return { json: media, text: `${disks}\n\n${isos}` };
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
  networks   Virtual networks (NAT ones belong to one host) with subnet, gateway, DHCP range and leases.
  media      Disk images (file, role, size, which machines use them, orphaned ones) and ISO images.
With --json, prints the API's objects as JSON (an array; for media the Media Manager's object).`,
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
