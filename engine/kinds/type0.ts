// Type 0: the machine's firmware splits it into partitions with dedicated cores, memory and I/O devices.
import { freeze, nativeTable, withIoPath } from './mechanismTables.ts';
import { nativeOsFor, requireHostIsa, vmMemoryMiB, vmSettings } from './guestRules.ts';
import type { KindModule } from './kindModule.ts';
import { acpiPower, powerDescription } from './powerRules.ts';

/** The control partition a type 0 platform gets when its input names none. */
const defaultControlPartition = { cores: 1, memoryMiB: 1024 } as const;

const power = acpiPower({ shutdownLabel: 'Shutdown', via: 'The firmware asks the partition\'s OS to shut down' });

export const type0: KindModule = {
  kind: 'type0',
  description: {
    kind: 'type0',
    label: 'Type 0 (firmware partitions)',
    shortLabel: 'Type 0',
    summary: 'Firmware splits the hardware into partitions with dedicated cores, memory and I/O devices.',
    icon: 'mdi-view-grid-outline',
    guestNoun: 'partition',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: true,
    settings: [...vmSettings],
    memoryTechniques: [],
    ioPaths: ['passthrough', 'controlPartition'],
    // Partitions with a dedicated adapter use its burned-in address; virtual adapters get locally administered ones.
    macPrefix: '02:00:00',
    liveMigration: 'none',
    power: powerDescription(power),
  },
  runsOn: ['hardware'],
  ownsMachine: true,
  runsApplications: false,
  guestsHostPlatforms: true,
  refusePlacement: (request) => (request.site === 'hardware' ? undefined : { message: 'Type 0 partitioning is done by the machine firmware: it only runs on bare hardware' }),
  hardwareAssist: () => false,

  acceptsGuests: true,
  dedicatedResources: true,
  reservations: false,
  memory: { ballooning: false, pageSharing: false, swapping: false },
  memoryCap: false,
  platformCores: 0,
  platformMemoryMiB: () => 256,
  controlPartition: (input) => input.controlPartition ?? defaultControlPartition,
  bridgeAddress: false,
  vmmOverheadMiB: () => 0,

  defaults: (host, devicesFree) => ({
    os: nativeOsFor(host),
    memoryMiB: vmMemoryMiB,
    diskGiB: 20,
    io: devicesFree > 0 ? 'passthrough' : 'controlPartition',
    // Partition-aware kernels take cores and memory live (dynamic partitioning).
    paravirtualized: (os) => os?.paravirtualizable ?? false,
  }),
  ioPaths: ['passthrough', 'controlPartition'],
  admit(guest, os, platform, out) {
    requireHostIsa(os, platform.host.isa, out);
    if (guest.paravirtualized && os && !os.paravirtualizable) out.refuse('VALIDATION', 'paravirtualized', `${os.label} has no paravirtualized (partition-aware) kernel`);
    if (guest.io === 'controlPartition') out.warn('io', "No dedicated I/O device is free: this partition's I/O goes through the control partition");
  },
  liveResize: (guest) => guest.paravirtualized,
  tradesResources: true,

  mechanisms: (_platform, guest) => freeze(withIoPath(nativeTable(), guest.io, false)),
  dynamicRuntime: () => 'none',
  // Firmware tests and initialises the partition's hardware before the OS boots.
  lifecycleMs: () => ({ startMs: 25_000, stopMs: 5000 }),

  migration: { live: 'none', why: 'a type 0 partition is a slice of one machine\'s hardware (its own cores, memory and devices); it cannot move to another machine' },
  power,
  platformSettings: (platform) => {
    const control = platform.input.controlPartition ?? defaultControlPartition;
    return { controlPartitionCores: control.cores, controlPartitionMiB: control.memoryMiB };
  },
};

