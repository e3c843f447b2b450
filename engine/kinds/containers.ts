// Containers: processes of the host kernel in their own namespaces and cgroups; no hardware is virtualized.
import { containerTable, freeze } from './mechanismTables.ts';
import { requireHostIsa } from './guestRules.ts';
import type { KindModule } from './kindModule.ts';
import { containerPower, powerDescription } from './powerRules.ts';

const power = containerPower;

export const containers: KindModule = {
  kind: 'containers',
  description: {
    kind: 'containers',
    label: 'Containers',
    shortLabel: 'Container',
    summary: 'Share the host kernel: no hardware virtualization, start in milliseconds, CPU and memory caps.',
    icon: 'mdi-package-variant-closed',
    guestNoun: 'container',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: false,
    settings: ['image', 'networkAdapters', 'cgroupLimits'],
    memoryTechniques: ['swapping'],
    ioPaths: ['native'],
    macPrefix: '02:42',
    liveMigration: 'checkpointRestore',
    power: powerDescription(power),
  },
  runsOn: ['platform'],
  ownsMachine: false,
  runsApplications: false,
  guestsHostPlatforms: false,
  hardwareAssist: () => false,

  acceptsGuests: true,
  dedicatedResources: false,
  reservations: false,
  memory: { ballooning: false, pageSharing: false, swapping: true },
  // A cgroup memory limit: the OOM killer ends a container that exceeds it.
  memoryCap: true,
  platformCores: 0.01,
  platformMemoryMiB: () => 64,
  bridgeAddress: true,
  vmmOverheadMiB: () => 0,

  defaults: (host) => ({ os: host.isa === 'arm64' ? 'debian-arm64' : 'alpine64', memoryMiB: () => 512, diskGiB: 1, io: 'native', paravirtualized: () => true }),
  ioPaths: ['native'],
  admit(_guest, os, platform, out) {
    requireHostIsa(os, platform.host.isa, out);
    const kernel = platform.hostKernel ?? 'linux';
    if (os && os.kernel !== kernel) out.refuse('VALIDATION', 'os', `Containers share the host kernel: a ${os.label} image cannot run on a ${kernel} kernel`);
  },
  liveResize: () => false,
  tradesResources: false,

  mechanisms: () => freeze(containerTable()),
  dynamicRuntime: () => 'none',
  lifecycleMs: () => ({ startMs: 120, stopMs: 50 }),

  migration: { live: 'checkpointRestore' },
  power,
  platformSettings: (platform) => ({ kernel: platform.hostKernel ?? 'linux' }),
};
