// The default simulated world (five hosts, their platforms) and a simple fit check, as the fake backend models them.
import type { Host, PlatformSummary } from '../../shared/domain/host.ts';
import type { FitReason, FitVerdict } from '../../shared/domain/fitCheck.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { PlatformKind } from '../../shared/domain/virtualization.ts';
import { findOsType } from '../../shared/domain/osTypes.ts';

const chainPrefix: Record<PlatformKind, string> = {
  type0: 'Type 0',
  type1: 'Type 1',
  type1hosted: 'Type 1 hosted-OS',
  hostOs: 'Host OS',
  type2: 'Type 2',
  paravirt: 'Paravirtualization',
  emulator: 'Emulator',
  processVm: 'Process VM',
  containers: 'Containers',
};

interface PlatformSeed {
  id: string;
  name: string;
  kind: PlatformKind;
  cores: number;
  memoryMiB: number;
  parent?: string;
  settings?: PlatformSummary['settings'];
}

interface HostSeed {
  id: string;
  name: string;
  cores: number;
  memoryMiB: number;
  storageGiB: number;
  hostOs?: string;
  platforms: PlatformSeed[];
}

const seeds: HostSeed[] = [
  { id: 'host-1', name: 'Atlas', cores: 16, memoryMiB: 65536, storageGiB: 2048, platforms: [{ id: 'esx-atlas', name: 'Atlas ESX', kind: 'type1', cores: 16, memoryMiB: 63488 }] },
  {
    id: 'host-2',
    name: 'Mainframe',
    cores: 16,
    memoryMiB: 131072,
    storageGiB: 4096,
    platforms: [{ id: 'lpar-fw', name: 'Mainframe partitions', kind: 'type0', cores: 15, memoryMiB: 129024, settings: { controlCores: 1 } }],
  },
  { id: 'host-3', name: 'Hyperion', cores: 12, memoryMiB: 49152, storageGiB: 1024, hostOs: 'Linux', platforms: [{ id: 'kvm-hyperion', name: 'Hyperion KVM', kind: 'type1hosted', cores: 12, memoryMiB: 45056 }] },
  { id: 'host-4', name: 'Xenon', cores: 12, memoryMiB: 49152, storageGiB: 1024, platforms: [{ id: 'xen-xenon', name: 'Xenon Xen', kind: 'paravirt', cores: 12, memoryMiB: 47104 }] },
  {
    id: 'host-5',
    name: 'Workstation',
    cores: 8,
    memoryMiB: 32768,
    storageGiB: 1024,
    hostOs: 'Workstation Linux',
    platforms: [
      { id: 'ws-linux', name: 'Workstation Linux', kind: 'hostOs', cores: 8, memoryMiB: 32768 },
      { id: 'ws-vbox', name: 'Desktop VMM (no admin)', kind: 'type2', cores: 8, memoryMiB: 28672, parent: 'ws-linux', settings: { admin: false } },
      { id: 'ws-qemu', name: 'QEMU (dynamic translation)', kind: 'emulator', cores: 8, memoryMiB: 28672, parent: 'ws-linux', settings: { mode: 'dbt', hostInstrPerGuestInstr: 10 } },
      { id: 'ws-jvm', name: 'Java VM', kind: 'processVm', cores: 8, memoryMiB: 28672, parent: 'ws-linux', settings: { heapMiB: 4096 } },
      { id: 'ws-lxc', name: 'LXC containers', kind: 'containers', cores: 8, memoryMiB: 28672, parent: 'ws-linux' },
    ],
  },
];

function platformChain(host: HostSeed, platform: PlatformSeed): string[] {
  const chain = [`${host.name} hardware (x86_64)`];
  const parent = host.platforms.find((p) => p.id === platform.parent);
  if (parent) chain.push(`${chainPrefix[parent.kind]}: ${parent.name}`);
  chain.push(`${chainPrefix[platform.kind]}: ${platform.name}`);
  return chain;
}

const holdsResources = (m: Machine): boolean => m.state !== 'PoweredOff';

/** Hosts with committed figures recomputed from the machines that live on them. */
export function worldHosts(machines: readonly Machine[]): Host[] {
  return seeds.map((host) => {
    const onHost = machines.filter((m) => m.hostId === host.id);
    const platforms: PlatformSummary[] = host.platforms.map((p) => {
      const guests = onHost.filter((m) => m.platformId === p.id);
      const vcpus = guests.reduce((sum, m) => sum + m.vcpus, 0);
      const memoryMiB = guests.reduce((sum, m) => sum + m.memoryMiB, 0);
      return {
        id: p.id,
        name: p.name,
        kind: p.kind,
        hostId: host.id,
        ...(p.parent ? { parentPlatformId: p.parent } : {}),
        chain: platformChain(host, p),
        dedicated: p.kind === 'type0',
        acceptsGuests: p.kind !== 'hostOs',
        capacity: { cores: p.cores, memoryMiB: p.memoryMiB },
        committed: { vcpus, memoryMiB },
        overcommit: { cpu: vcpus / p.cores, memory: memoryMiB / p.memoryMiB },
        guests: guests.length,
        runningGuests: guests.filter((m) => m.state === 'Running').length,
        settings: p.settings ?? {},
      };
    });
    const running = onHost.filter((m) => m.state === 'Running');
    return {
      id: host.id,
      name: host.name,
      isa: 'x86_64',
      cores: host.cores,
      memoryMiB: host.memoryMiB,
      storageGiB: host.storageGiB,
      hardwareAssist: { vtx: true, nestedPaging: host.id !== 'host-4' },
      ...(host.hostOs ? { hostOs: host.hostOs } : {}),
      platforms,
      committed: {
        vcpus: onHost.reduce((s, m) => s + m.vcpus, 0),
        memoryMiB: onHost.reduce((s, m) => s + m.memoryMiB, 0),
        storageGiB: onHost.reduce((s, m) => s + m.diskGiB, 0),
      },
      utilisation: { cpuPct: Math.min(100, running.length * 6.25), memoryPct: Math.min(100, (running.reduce((s, m) => s + m.memoryMiB, 0) / host.memoryMiB) * 100) },
    };
  });
}

export interface Placement {
  host: HostSeed;
  platform: PlatformSeed;
}

/** Where a spec lands: its platform, else its host's first guest platform, else Atlas ESX. */
export function resolvePlacement(spec: { hostId?: string | undefined; platformId?: string | undefined }): Placement | null {
  for (const host of seeds) {
    const platform = spec.platformId
      ? host.platforms.find((p) => p.id === spec.platformId)
      : host.id === (spec.hostId ?? 'host-1')
        ? host.platforms.find((p) => p.kind !== 'hostOs')
        : undefined;
    if (platform) return { host, platform };
  }
  return null;
}

export function machineChain(placement: Placement, name: string): string[] {
  return [...platformChain(placement.host, placement.platform), name];
}

export interface FitSpec {
  name?: string | undefined;
  osType: string;
  vcpus: number;
  memoryMiB: number;
  hostId?: string | undefined;
  platformId?: string | undefined;
}

/** A small stand-in for the engine's fit check: type 0 dedicated cores, ISA, and shared-pool zones. */
export function fakeFitCheck(spec: FitSpec, machines: readonly Machine[]): FitVerdict {
  const placement = resolvePlacement(spec);
  const name = spec.name?.trim() || 'new machine';
  const reasons: FitReason[] = [];
  const wouldFree: string[] = [];
  if (!placement) {
    return { verdict: 'refused', reasons: [{ severity: 'refused', code: 'VALIDATION', field: 'platformId', message: 'No such platform' }], wouldFree, chain: [], zones: { vcpus: { green: 0, amber: 0 }, memoryMiB: { green: 0, amber: 0 } } };
  }
  const { platform } = placement;
  const others = machines.filter((m) => m.platformId === platform.id && m.name !== spec.name);
  const zones = { vcpus: { green: 0, amber: 0 }, memoryMiB: { green: 0, amber: 0 } };
  if (platform.kind === 'type0') {
    const holders = others.filter(holdsResources);
    const freeCores = platform.cores - holders.reduce((s, m) => s + m.vcpus, 0);
    const freeMiB = platform.memoryMiB - holders.reduce((s, m) => s + m.memoryMiB, 0);
    zones.vcpus = { green: freeCores, amber: freeCores };
    zones.memoryMiB = { green: freeMiB, amber: freeMiB };
    if (spec.vcpus > freeCores) {
      const helper = [...holders].sort((a, b) => b.vcpus - a.vcpus)[0];
      const help = helper ? `; powering off "${helper.name}" would free ${helper.vcpus}` : '';
      reasons.push({ severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: `Type 0 needs ${spec.vcpus} dedicated cores for "${name}"; ${freeCores} ${freeCores === 1 ? 'is' : 'are'} free${help}` });
      if (helper) wouldFree.push(`powering off "${helper.name}" would free ${helper.vcpus} cores`);
    }
  } else {
    const committedVcpus = others.reduce((s, m) => s + m.vcpus, 0);
    const committedMiB = others.reduce((s, m) => s + m.memoryMiB, 0);
    zones.vcpus = { green: Math.max(0, platform.cores - committedVcpus), amber: platform.cores };
    zones.memoryMiB = { green: Math.max(0, platform.memoryMiB - committedMiB), amber: platform.memoryMiB };
    if (spec.vcpus > platform.cores) {
      reasons.push({ severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: `${spec.vcpus} vCPUs is more than the ${platform.cores} cores ${platform.name} can schedule on` });
    } else if (spec.vcpus > zones.vcpus.green) {
      reasons.push({ severity: 'warning', code: 'VALIDATION', field: 'vcpus', message: `${committedVcpus + spec.vcpus} vCPUs on ${platform.cores} cores: expect ready time when guests are busy` });
    }
    if (spec.memoryMiB > platform.memoryMiB) {
      reasons.push({ severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'memoryMiB', message: `${spec.memoryMiB} MiB is more than the ${platform.memoryMiB} MiB ${platform.name} has for guests` });
    }
  }
  const os = findOsType(spec.osType);
  if (os && os.isa !== 'x86_64' && platform.kind !== 'emulator' && platform.kind !== 'processVm') {
    reasons.push({ severity: 'refused', code: 'VALIDATION', field: 'os', message: `${os.label} is a ${os.isa} OS but the host is x86_64; only an emulator can run another instruction set` });
  }
  if (platform.kind === 'type2' && platform.settings?.['admin'] === false) {
    reasons.push({ severity: 'warning', code: 'VALIDATION', field: 'platform', message: `${platform.name} runs without administrator privileges, so it cannot use VT-x: binary translation costs about 35% more CPU` });
  }
  if (machines.some((m) => spec.name !== undefined && m.name.toLowerCase() === spec.name.trim().toLowerCase())) {
    reasons.push({ severity: 'refused', code: 'CONFLICT', field: 'name', message: `A guest named "${name}" already exists` });
  }
  reasons.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'refused' ? -1 : 1));
  const verdict = reasons.some((r) => r.severity === 'refused') ? 'refused' : reasons.length > 0 ? 'warning' : 'ok';
  return { verdict, reasons, wouldFree, chain: machineChain(placement, name), zones };
}
