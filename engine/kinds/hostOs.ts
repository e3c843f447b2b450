// Host OS: an ordinary operating system on the hardware; type 2 VMMs, emulators, process VMs and containers run on it.
import { freeze, nativeTable } from './mechanismTables.ts';
import { nativeOsFor } from './guestRules.ts';
import type { KindModule } from './kindModule.ts';
import { acpiPower, powerDescription } from './powerRules.ts';

const power = acpiPower({ shutdownLabel: 'ACPI Shutdown', via: 'Presses the ACPI power button' });

export const hostOs: KindModule = {
  kind: 'hostOs',
  description: {
    kind: 'hostOs',
    label: 'Host OS',
    shortLabel: 'Host OS',
    summary: 'An ordinary operating system; application VMMs, emulators, process VMs and containers run on it.',
    icon: 'mdi-linux',
    guestNoun: 'process',
    acceptsGuests: false,
    crossIsa: false,
    dedicatedResources: false,
    settings: [],
    memoryTechniques: ['swapping'],
    ioPaths: ['native'],
    macPrefix: '',
    liveMigration: 'none',
    power: powerDescription(power),
  },
  runsOn: ['hardware', 'guest'],
  ownsMachine: true,
  runsApplications: true,
  guestsHostPlatforms: false,
  refuseChild(request) {
    if (request.child.kind === 'containers' && (request.parent?.input.os ?? 'linux') === 'macos') {
      return 'The macOS kernel has no container support (namespaces, cgroups); containers need a Linux, Windows or BSD host OS';
    }
    return undefined;
  },
  hardwareAssist: () => false,

  acceptsGuests: false,
  dedicatedResources: false,
  reservations: false,
  memory: { ballooning: false, pageSharing: false, swapping: true },
  memoryCap: false,
  platformCores: 0,
  platformMemoryMiB: () => 0,
  hostProcesses: (input) => ({ cores: input.hostLoadCores ?? 0.5, memoryMiB: 2048 }),
  bridgeAddress: false,
  vmmOverheadMiB: () => 0,

  defaults: (host) => ({ os: nativeOsFor(host), memoryMiB: () => 2048, diskGiB: 20, io: 'native', paravirtualized: () => false }),
  ioPaths: ['native'],
  admit: (_guest, _os, platform, out) =>
    out.refuse('VALIDATION', 'platform', `"${platform.name}" is a host OS: it runs its own processes; put guests on a type 2, emulator, process VM or container platform on it`),
  liveResize: () => false,
  tradesResources: false,

  mechanisms: () => freeze(nativeTable()),
  dynamicRuntime: () => 'none',
  lifecycleMs: () => ({ startMs: 20_000, stopMs: 5000 }),

  migration: { live: 'none', why: 'a host OS is the software of its machine; it does not move' },
  power,
  platformSettings: (platform) => ({ os: platform.input.os ?? 'linux' }),
};
