// Process VM (JVM-like): a programming-environment VM, interpreted until the JIT warms up, with garbage-collection pauses.
import { processVmCosts } from '../mechanisms/eventCosts.ts';
import { freeze, processVmTable } from './mechanismTables.ts';
import type { KindModule } from './kindModule.ts';
import { processPower, powerDescription } from './powerRules.ts';

const power = processPower;

export const processVm: KindModule = {
  kind: 'processVm',
  description: {
    kind: 'processVm',
    label: 'Process VM (JVM-like)',
    shortLabel: 'Process VM',
    summary: 'A programming-environment VM: interpreted until the JIT warms up, with garbage-collection pauses.',
    icon: 'mdi-language-java',
    guestNoun: 'process VM',
    acceptsGuests: true,
    // Bytecode runs on any host ISA.
    crossIsa: true,
    dedicatedResources: false,
    settings: ['heap'],
    memoryTechniques: ['swapping'],
    ioPaths: ['native'],
    macPrefix: '',
    liveMigration: 'none',
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
  // The heap limit is hard: live data beyond it is an OutOfMemoryError.
  memoryCap: true,
  platformCores: 0,
  platformMemoryMiB: () => 0,
  bridgeAddress: false,
  vmmOverheadMiB: () => 0,

  defaults: () => ({ os: 'other64', memoryMiB: () => 1024, diskGiB: 1, io: 'native', paravirtualized: () => true }),
  ioPaths: ['native'],
  // Bytecode is independent of the guest "OS" field; nothing to check.
  admit: () => undefined,
  liveResize: () => false,
  tradesResources: false,

  mechanisms: () => freeze(processVmTable()),
  dynamicRuntime: () => 'jit',
  lifecycleMs: () => ({ startMs: 600, stopMs: 100 }),

  migration: { live: 'none', why: 'a process VM is a process of its host OS; it is restarted elsewhere, not moved' },
  power,
  platformSettings: (platform) => ({ jit: platform.input.jit ?? true, interpreterN: processVmCosts.interpreterN, jitN: processVmCosts.jitN }),
};
