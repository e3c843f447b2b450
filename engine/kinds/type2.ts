// Type 2: a VMM that is an application of a host OS; without admin rights it cannot use VT-x and translates kernel code.
import { freeze, hostedTable, vmmTable, withIoPath } from './mechanismTables.ts';
import { nativeOsFor, requireHostIsa, vmMemoryMiB, vmSettings } from './guestRules.ts';
import type { KindModule } from './kindModule.ts';
import { acpiPower, powerDescription } from './powerRules.ts';

const power = acpiPower({ shutdownLabel: 'ACPI Shutdown', via: 'Presses the virtual ACPI power button' });

export const type2: KindModule = {
  kind: 'type2',
  description: {
    kind: 'type2',
    label: 'Type 2 (application VMM)',
    shortLabel: 'Type 2',
    summary: 'A VMM running as an application; without admin rights it falls back to binary translation.',
    icon: 'mdi-application-outline',
    guestNoun: 'virtual machine',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: false,
    settings: [...vmSettings],
    memoryTechniques: ['swapping'],
    ioPaths: ['emulated', 'paravirtual'],
    macPrefix: '08:00:27',
    liveMigration: 'precopy',
    power: powerDescription(power),
  },
  runsOn: ['platform'],
  ownsMachine: false,
  runsApplications: false,
  guestsHostPlatforms: false,
  // VT-x needs a kernel driver, which only an administrator may load.
  hardwareAssist: (host, input) => host.vtx && (input.admin ?? false),

  acceptsGuests: true,
  dedicatedResources: false,
  reservations: false,
  // The host OS pages the VMM process's memory like any other process's.
  memory: { ballooning: false, pageSharing: false, swapping: true },
  memoryCap: false,
  platformCores: 0.05,
  platformMemoryMiB: () => 200,
  bridgeAddress: false,
  vmmOverheadMiB: (memoryMiB) => 24 + memoryMiB * 0.01,

  defaults: (host) => ({ os: nativeOsFor(host), memoryMiB: vmMemoryMiB, diskGiB: 20, io: 'emulated', paravirtualized: () => false }),
  ioPaths: ['emulated', 'paravirtual'],
  admit: (_guest, os, platform, out) => requireHostIsa(os, platform.host.isa, out),
  platformWarnings(platform, out) {
    const host = platform.host;
    if (!platform.hwAssist) {
      const why = host.vtx ? `${platform.name} runs without administrator privileges, so it cannot use VT-x` : `Host "${host.name}" has no VT-x`;
      out.warn('platform', `${why}: it uses binary translation for guest kernel code, and every I/O operation and interrupt costs world switches to the host OS`);
    } else if (!host.nestedPaging) {
      out.warn('platform', `Host "${host.name}" has no nested paging: every guest page-table update exits to maintain shadow page tables`);
    }
  },
  liveResize: () => false,
  tradesResources: false,

  mechanisms: (platform, guest) => freeze(hostedTable(withIoPath(vmmTable(platform.hwAssist, platform.host.nestedPaging), guest.io, platform.hwAssist), guest.io)),
  dynamicRuntime: () => 'none',
  lifecycleMs: (slowdown) => ({ startMs: Math.round(8000 * slowdown), stopMs: 3000 }),

  migration: { live: 'precopy' },
  power,
  platformSettings: (platform) => ({ admin: platform.input.admin ?? false, hardwareAssist: platform.hwAssist }),
};
