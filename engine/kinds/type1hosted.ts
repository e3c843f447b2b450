// Type 1 hosted-OS (KVM-like): a general-purpose OS with VMM functions; its own processes compete with guests.
import { ioPathCosts } from '../mechanisms/eventCosts.ts';
import { freeze, hardwareAssistedTable, withIoPath } from './mechanismTables.ts';
import { nativeOsFor, requireHostIsa, vmMemoryMiB, vmSettings } from './guestRules.ts';
import { hardwareVmmWarnings } from './vmmWarnings.ts';
import type { KindModule } from './kindModule.ts';
import { acpiPower, powerDescription } from './powerRules.ts';

const power = acpiPower({ shutdownLabel: 'ACPI Shutdown', via: 'Presses the virtual ACPI power button' });

export const type1hosted: KindModule = {
  kind: 'type1hosted',
  description: {
    kind: 'type1hosted',
    label: 'Type 1 hosted-OS (KVM-like)',
    shortLabel: 'Type 1 hosted',
    summary: 'A general-purpose OS with VMM functions; its own processes compete with guests.',
    icon: 'mdi-server-plus',
    guestNoun: 'virtual machine',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: false,
    settings: [...vmSettings],
    memoryTechniques: ['ballooning', 'pageSharing', 'swapping'],
    ioPaths: ['emulated', 'paravirtual', 'passthrough'],
    macPrefix: '52:54:00',
    liveMigration: 'precopy',
    power: powerDescription(power),
  },
  runsOn: ['hardware', 'guest'],
  ownsMachine: true,
  runsApplications: true,
  guestsHostPlatforms: false,
  refusePlacement: (request) =>
    request.host.vtx
      ? undefined
      : {
          code: 'INSUFFICIENT_RESOURCES',
          field: 'kind',
          message: `A hosted-OS hypervisor (KVM-like) needs VT-x/AMD-V, which host "${request.host.name}" lacks; use a type 1 (binary translation) or paravirtualization`,
        },
  hardwareAssist: (host) => host.vtx,

  acceptsGuests: true,
  dedicatedResources: false,
  // A general-purpose scheduler: shares and limits, no reservations; KSM-style sharing and ballooning.
  reservations: false,
  memory: { ballooning: true, pageSharing: true, swapping: true },
  memoryCap: false,
  platformCores: 0,
  // The host OS's own memory is carried by its host-process slot, so it competes like any process.
  platformMemoryMiB: () => 0,
  hostProcesses: (input) => ({ cores: input.hostLoadCores ?? 0.3, memoryMiB: 1536 }),
  bridgeAddress: false,
  vmmOverheadMiB: (memoryMiB) => 24 + memoryMiB * 0.01,

  defaults: (host) => ({ os: nativeOsFor(host), memoryMiB: vmMemoryMiB, diskGiB: 20, io: 'paravirtual', paravirtualized: () => false }),
  ioPaths: ['emulated', 'paravirtual', 'passthrough'],
  admit: (_guest, os, platform, out) => requireHostIsa(os, platform.host.isa, out),
  platformWarnings: hardwareVmmWarnings,
  liveResize: () => false,
  tradesResources: false,

  mechanisms(platform, guest) {
    const table = withIoPath(hardwareAssistedTable(platform.host.nestedPaging), guest.io, true);
    // virtio's device side is a user-space process of the host OS: each notification wakes it up.
    if (guest.io === 'paravirtual') table.ioOperations = { mechanism: 'paravirtualRing', extra: ioPathCosts.hostedVirtioOperationUs };
    return freeze(table);
  },
  dynamicRuntime: () => 'none',
  lifecycleMs: (slowdown) => ({ startMs: Math.round(8000 * slowdown), stopMs: 3000 }),

  migration: { live: 'precopy' },
  power,
  platformSettings: (platform) => ({ hardwareAssist: platform.hwAssist, nestedPaging: platform.host.nestedPaging, os: platform.input.os ?? 'linux', ballooning: true, pageSharing: true, reservations: false }),
};
