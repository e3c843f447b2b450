// Type 1: a bare-metal hypervisor (ESX-like) multiplexing vCPUs on cores and overcommitting memory.
import { freeze, vmmTable, withIoPath } from './mechanismTables.ts';
import { nativeOsFor, requireHostIsa, vmMemoryMiB, vmSettings } from './guestRules.ts';
import { hardwareVmmWarnings } from './vmmWarnings.ts';
import type { KindModule } from './kindModule.ts';
import { acpiPower, powerDescription } from './powerRules.ts';

const power = acpiPower({ shutdownLabel: 'ACPI Shutdown', via: 'Presses the virtual ACPI power button' });

export const type1: KindModule = {
  kind: 'type1',
  description: {
    kind: 'type1',
    label: 'Type 1 (bare metal)',
    shortLabel: 'Type 1',
    summary: 'A hypervisor on bare hardware multiplexes vCPUs on cores and overcommits memory.',
    icon: 'mdi-server',
    guestNoun: 'virtual machine',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: false,
    settings: [...vmSettings],
    memoryTechniques: ['ballooning', 'pageSharing', 'swapping'],
    ioPaths: ['emulated', 'paravirtual', 'passthrough'],
    macPrefix: '00:50:56',
    liveMigration: 'precopy',
    power: powerDescription(power),
  },
  runsOn: ['hardware', 'guest'],
  ownsMachine: true,
  runsApplications: false,
  guestsHostPlatforms: false,
  refuseChild(request) {
    if (request.child.kind !== 'type1' || !request.parent) return undefined;
    if (request.site === 'guest') {
      return `A type 1 hypervisor cannot run on another type 1: "${request.guestName}" is a virtual machine of type 1 platform "${request.parent.name}". A type 1 needs bare hardware or a type 0 partition`;
    }
    return `A type 1 hypervisor cannot run on another type 1 ("${request.parent.name}"): it needs bare hardware or a type 0 partition`;
  },
  hardwareAssist: (host) => host.vtx,

  acceptsGuests: true,
  dedicatedResources: false,
  reservations: true,
  memory: { ballooning: true, pageSharing: true, swapping: true },
  memoryCap: false,
  platformCores: 0.1,
  platformMemoryMiB: () => 1024,
  bridgeAddress: false,
  vmmOverheadMiB: (memoryMiB) => 24 + memoryMiB * 0.01,

  defaults: (host) => ({ os: nativeOsFor(host), memoryMiB: vmMemoryMiB, diskGiB: 20, io: 'paravirtual', paravirtualized: () => false }),
  ioPaths: ['emulated', 'paravirtual', 'passthrough'],
  admit: (_guest, os, platform, out) => requireHostIsa(os, platform.host.isa, out),
  platformWarnings: hardwareVmmWarnings,
  liveResize: () => false,
  tradesResources: false,

  mechanisms: (platform, guest) => freeze(withIoPath(vmmTable(platform.hwAssist, platform.host.nestedPaging), guest.io, platform.hwAssist)),
  dynamicRuntime: () => 'none',
  lifecycleMs: (slowdown) => ({ startMs: Math.round(8000 * slowdown), stopMs: 3000 }),

  migration: { live: 'precopy' },
  power,
  platformSettings: (platform) => ({ hardwareAssist: platform.hwAssist, nestedPaging: platform.host.nestedPaging, ballooning: true, pageSharing: true, reservations: true }),
};
