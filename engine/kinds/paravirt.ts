// Paravirtualization (Xen-like): modified guests call the hypervisor in batches and share I/O rings with a driver domain.
import { freeze, paravirtTable, withIoPath } from './mechanismTables.ts';
import { nativeOsFor, requireHostIsa, vmMemoryMiB, vmSettings } from './guestRules.ts';
import type { KindModule } from './kindModule.ts';
import { acpiPower, powerDescription } from './powerRules.ts';

const power = acpiPower({ shutdownLabel: 'ACPI Shutdown', via: 'Presses the virtual ACPI power button' });

export const paravirt: KindModule = {
  kind: 'paravirt',
  description: {
    kind: 'paravirt',
    label: 'Paravirtualization (Xen-like)',
    shortLabel: 'Paravirtual',
    summary: 'Modified guests call the hypervisor (batched hypercalls) and share I/O ring buffers with it.',
    icon: 'mdi-swap-horizontal-bold',
    guestNoun: 'virtual machine',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: false,
    settings: [...vmSettings],
    memoryTechniques: ['ballooning', 'swapping'],
    ioPaths: ['paravirtual', 'passthrough'],
    macPrefix: '00:16:3e',
    liveMigration: 'precopy',
    power: powerDescription(power),
  },
  runsOn: ['hardware', 'guest'],
  ownsMachine: true,
  runsApplications: false,
  guestsHostPlatforms: false,
  hardwareAssist: () => false,

  acceptsGuests: true,
  dedicatedResources: false,
  reservations: true,
  // Xen balloons and (xenpaging) swaps; it has no transparent content-based page sharing.
  memory: { ballooning: true, pageSharing: false, swapping: true },
  memoryCap: false,
  // The driver domain (dom0) that runs the real device drivers and the I/O backends.
  platformCores: 0.25,
  platformMemoryMiB: () => 1024,
  bridgeAddress: false,
  vmmOverheadMiB: (memoryMiB) => 24 + memoryMiB * 0.01,

  defaults: (host) => ({ os: nativeOsFor(host), memoryMiB: vmMemoryMiB, diskGiB: 20, io: 'paravirtual', paravirtualized: () => true }),
  ioPaths: ['paravirtual', 'passthrough'],
  admit(_guest, os, platform, out) {
    requireHostIsa(os, platform.host.isa, out);
    if (os && !os.paravirtualizable) out.refuse('VALIDATION', 'os', `${os.label} cannot be modified for paravirtualization; run it on a type 1 hypervisor with hardware assist`);
  },
  liveResize: () => false,
  tradesResources: false,

  mechanisms: (_platform, guest) => freeze(withIoPath(paravirtTable(guest.hypercallBatch), guest.io, false)),
  dynamicRuntime: () => 'none',
  lifecycleMs: (slowdown) => ({ startMs: Math.round(8000 * slowdown), stopMs: 3000 }),

  migration: { live: 'precopy' },
  power,
  platformSettings: () => ({ hardwareAssist: false, ballooning: true, pageSharing: false, reservations: true }),
};
