// The kinds of virtualization as a test backend describes them (the real descriptions come from the engine's kind modules).
import type { KindDescription } from '../../shared/domain/kinds.ts';

const vm = ['firmware', 'opticalDrive', 'storageController', 'virtualDisk', 'networkAdapters'] as const;

function kind(kind: KindDescription['kind'], label: string, shortLabel: string, icon: string, extra: Partial<KindDescription> = {}): KindDescription {
  return {
    kind,
    label,
    shortLabel,
    summary: `${label}: a test description.`,
    icon,
    guestNoun: 'virtual machine',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: false,
    settings: [...vm],
    memoryTechniques: ['swapping'],
    ioPaths: ['emulated'],
    macPrefix: '08:00:27',
    liveMigration: 'precopy',
    ...extra,
  };
}

export const fakeKinds: KindDescription[] = [
  kind('type0', 'Type 0 (firmware partitions)', 'Type 0', 'mdi-view-grid-outline', { dedicatedResources: true, guestNoun: 'partition', liveMigration: 'none' }),
  kind('type1', 'Type 1 (bare metal)', 'Type 1', 'mdi-server'),
  kind('type1hosted', 'Type 1 hosted-OS (KVM-like)', 'Type 1 hosted', 'mdi-server-plus'),
  kind('hostOs', 'Host OS', 'Host OS', 'mdi-linux', { acceptsGuests: false, settings: [] }),
  kind('type2', 'Type 2 (application VMM)', 'Type 2', 'mdi-application-outline'),
  kind('paravirt', 'Paravirtualization (Xen-like)', 'Paravirtual', 'mdi-swap-horizontal-bold'),
  kind('emulator', 'Emulator', 'Emulator', 'mdi-translate', { crossIsa: true }),
  kind('processVm', 'Process VM (JVM-like)', 'Process VM', 'mdi-language-java', { crossIsa: true, settings: ['heap'], guestNoun: 'process VM' }),
  kind('containers', 'Containers', 'Container', 'mdi-package-variant-closed', { settings: ['image', 'cgroupLimits'], guestNoun: 'container' }),
];
