// Human text for machines: the `list` table, the `show` details block and the snapshot tree.
import type { Machine } from '../../shared/domain/machine.ts';
import type { MachineConfig } from '../../shared/domain/machineConfig.ts';
import { machineStateLabels } from '../../shared/domain/machineState.ts';
import type { OpticalDrive } from '../../shared/domain/network.ts';
import { findOsType } from '../../shared/domain/osTypes.ts';
import type { SnapshotTree } from '../../shared/domain/snapshot.ts';
import { workloadLabels } from '../../shared/domain/virtualization.ts';
import { formatFields, formatMiB, formatTable } from './table.ts';

const osLabel = (id: string): string => findOsType(id)?.label ?? id;

export function formatMachineList(machines: readonly Machine[]): string {
  return formatTable(
    machines,
    [
      { header: 'NAME', value: (m) => m.name },
      { header: 'STATE', value: (m) => machineStateLabels[m.state] },
      { header: 'OS', value: (m) => m.osType },
      { header: 'CPUS', value: (m) => m.vcpus, align: 'right' },
      { header: 'MEMORY', value: (m) => formatMiB(m.memoryMiB), align: 'right' },
      { header: 'DISK', value: (m) => `${m.diskGiB} GiB`, align: 'right' },
      { header: 'PLATFORM', value: (m) => `${m.platformId} (${m.kind})` },
      { header: 'ID', value: (m) => m.id },
    ],
    'No machines. Create one with "virtlab create --name NAME --os OS".',
  );
}

function opticalText(optical: OpticalDrive): string {
  return optical.kind === 'empty' ? 'empty' : optical.kind === 'host' ? 'host drive (passthrough)' : `ISO image ${optical.image}`;
}

export interface MachineDetails {
  readonly machine: Machine;
  readonly config: MachineConfig;
  readonly snapshots: SnapshotTree;
}

export function formatMachineDetails({ machine, config, snapshots }: MachineDetails): string {
  const fields: [string, string | number][] = [
    ['Name', machine.name],
    ['UUID', machine.id],
    ['State', `${machineStateLabels[machine.state]} (since ${formatSimTime(machine.stateSinceMs)})`],
    ['Guest OS', `${osLabel(machine.osType)} [${machine.osType}]`],
    ['Host', machine.hostId],
    // The chain's last platform step names the kind and the platform, as the engine words it ("Type 1: Atlas ESX").
    ['Platform', `${machine.platformId} (${machine.chain.at(-2) ?? machine.kind})`],
    ['Nesting', machine.chain.join(' > ')],
    ['Workload', workloadLabels[machine.workload]],
    ['vCPUs', machine.vcpus],
    ['Memory', formatMiB(machine.memoryMiB)],
    ['Disk', `${config.disk.capacityGiB} GiB, ${config.disk.allocation === 'fixed' ? 'fixed size' : 'dynamically allocated'}, ${formatMiB(config.disk.ownedMiB)} used`],
    ...config.nics.map((nic): [string, string] => [`NIC ${nic.slot}`, `${nic.attachment} (${nic.networkId}), MAC ${nic.mac}, ${nic.ipMode === 'dhcp' ? 'DHCP' : 'static'} ${nic.ip}`]),
    ['Optical drive', opticalText(config.optical)],
  ];
  if (config.origin) fields.push(['Cloned from', `${config.origin.machineId} (${config.origin.mode} clone)`]);
  fields.push(['Snapshots', snapshots.snapshots.length === 0 ? 'none' : String(snapshots.snapshots.length)]);
  const tree = formatSnapshotTree(snapshots);
  return tree === '' ? formatFields(fields) : `${formatFields(fields)}\n${tree}`;
}

/** Indented tree, VBoxManage style; `*` marks the snapshot the Current State hangs under. */
export function formatSnapshotTree(tree: SnapshotTree): string {
  const byId = new Map(tree.snapshots.map((snapshot) => [snapshot.id, snapshot]));
  const lines: string[] = [];
  const walk = (id: string, depth: number): void => {
    const snapshot = byId.get(id);
    if (!snapshot) return;
    const current = snapshot.id === tree.currentSnapshotId ? ' *' : '';
    lines.push(`${'   '.repeat(depth + 1)}Name: ${snapshot.name} (UUID: ${snapshot.id})${current}`);
    if (snapshot.description !== '') lines.push(`${'   '.repeat(depth + 2)}Description: ${snapshot.description}`);
    for (const child of snapshot.childIds) walk(child, depth + 1);
  };
  for (const root of tree.snapshots.filter((snapshot) => snapshot.parentId === undefined || !byId.has(snapshot.parentId))) walk(root.id, 0);
  return lines.join('\n');
}

/** Simulated milliseconds as h:mm:ss of simulated time. */
export function formatSimTime(ms: number): string {
  const totalS = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${Math.floor(totalS / 3600)}:${pad(Math.floor(totalS / 60) % 60)}:${pad(totalS % 60)} simulated`;
}
