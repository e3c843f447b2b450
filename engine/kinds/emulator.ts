// Emulator: the guest's instruction set differs from the host's; every guest instruction costs several host ones.
import { emulationCosts } from '../mechanisms/eventCosts.ts';
import { emulatorTable, freeze } from './mechanismTables.ts';
import { vmMemoryMiB, vmSettings } from './guestRules.ts';
import type { KindModule } from './kindModule.ts';
import { acpiPower, powerDescription } from './powerRules.ts';
import type { PlatformInput } from '../sim/types.ts';

/** Host instructions per guest instruction: the interpreter's, or the translator's once warm. */
export function emulatorN(input: PlatformInput): number {
  const mode = input.mode ?? 'dbt';
  return input.hostInstrPerGuestInstr ?? (mode === 'interpreter' ? emulationCosts.interpreterN : emulationCosts.dbtWarmN);
}

const power = acpiPower({ shutdownLabel: 'ACPI Shutdown', via: 'Presses the emulated ACPI power button' });

export const emulator: KindModule = {
  kind: 'emulator',
  description: {
    kind: 'emulator',
    label: 'Emulator',
    shortLabel: 'Emulator',
    summary: 'Guest ISA differs from the host: every guest instruction costs several host instructions.',
    icon: 'mdi-translate',
    guestNoun: 'emulated machine',
    acceptsGuests: true,
    crossIsa: true,
    dedicatedResources: false,
    settings: [...vmSettings],
    memoryTechniques: ['swapping'],
    ioPaths: ['emulated', 'paravirtual'],
    macPrefix: '52:54:00',
    liveMigration: 'precopy',
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
  memoryCap: false,
  platformCores: 0,
  platformMemoryMiB: () => 100,
  bridgeAddress: false,
  vmmOverheadMiB: (memoryMiB) => 24 + memoryMiB * 0.01,

  defaults: (host) => ({ os: host.isa === 'x86_64' ? 'debian-ppc' : 'ubuntu64', memoryMiB: vmMemoryMiB, diskGiB: 20, io: 'emulated', paravirtualized: () => false }),
  ioPaths: ['emulated', 'paravirtual'],
  admit(_guest, os, platform, out) {
    if (os && os.isa === platform.host.isa) out.warn('os', `${os.label} has the host's own ISA (${platform.host.isa}): a VMM would run it far faster than emulation`);
  },
  liveResize: () => false,
  tradesResources: false,

  mechanisms: (platform) => freeze(emulatorTable(platform.input.mode ?? 'dbt', emulatorN(platform.input))),
  dynamicRuntime: (platform) => ((platform.input.mode ?? 'dbt') === 'dbt' ? 'dbt' : 'none'),
  // The guest OS boot itself runs through the translator.
  lifecycleMs: (slowdown) => ({ startMs: Math.round(8000 * Math.max(1, slowdown / 2)), stopMs: 3000 }),

  migration: { live: 'precopy' },
  power,
  platformSettings: (platform) => ({ mode: platform.input.mode ?? 'dbt', hostInstrPerGuestInstr: emulatorN(platform.input) }),
};
