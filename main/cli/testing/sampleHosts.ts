// Two hosts with a few platforms each, for placement and import-choice tests.
import type { Host, PlatformSummary } from '../../../shared/domain/host.ts';
import type { PlatformKind } from '../../../shared/domain/virtualization.ts';

function platform(id: string, name: string, kind: PlatformKind, hostId: string, acceptsGuests = true): PlatformSummary {
  return {
    id,
    name,
    kind,
    hostId,
    chain: [hostId, name],
    dedicated: kind === 'type0',
    acceptsGuests,
    capacity: { cores: 16, memoryMiB: 65_536 },
    committed: { vcpus: 0, memoryMiB: 0 },
    overcommit: { cpu: 0, memory: 0 },
    guests: 0,
    runningGuests: 0,
    settings: {},
  };
}

function host(id: string, name: string, platforms: PlatformSummary[]): Host {
  return {
    id,
    name,
    isa: 'x86_64',
    cores: 16,
    memoryMiB: 65_536,
    storageGiB: 2048,
    hardwareAssist: { vtx: true, nestedPaging: true },
    platforms,
    committed: { vcpus: 0, memoryMiB: 0, storageGiB: 0 },
    utilisation: { cpuPct: 0, memoryPct: 0 },
  };
}

export const sampleHosts: readonly Host[] = [
  host('host-1', 'Atlas', [platform('esx-atlas', 'Atlas ESX', 'type1', 'host-1'), platform('lxc-atlas', 'Atlas LXC', 'containers', 'host-1')]),
  host('host-2', 'Borealis', [
    platform('os-borealis', 'Borealis Linux', 'hostOs', 'host-2', false),
    platform('kvm-borealis', 'Borealis KVM', 'type1hosted', 'host-2'),
    platform('lxc-borealis', 'Borealis LXC', 'containers', 'host-2'),
  ]),
];
