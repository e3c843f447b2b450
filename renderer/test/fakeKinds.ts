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
    power: vmPower,
    installable: { inMachine: false, onPlatform: false, withOs: false },
    ...extra,
  };
}

const vmPower: KindDescription['power'] = {
  shutdownLabel: 'ACPI Shutdown',
  shutdownHint: 'Presses the virtual ACPI power button; the guest shuts down, or ignores it',
  powerOffHow: 'power cut without asking the guest OS',
  resetHow: 'hard reset, as with the reset button',
  saveState: { supported: true, noun: 'saved state' },
};
const inMachine = { inMachine: true, onPlatform: false, withOs: false };
const inMachineWithOs = { ...inMachine, withOs: true };
const onPlatform = { inMachine: false, onPlatform: true, withOs: false };

export const fakeKinds: KindDescription[] = [
  kind('type0', 'Type 0 (firmware partitions)', 'Type 0', 'mdi-view-grid-outline', { dedicatedResources: true, guestNoun: 'partition', liveMigration: 'none' }),
  kind('type1', 'Type 1 (bare metal)', 'Type 1', 'mdi-server', { installable: inMachine }),
  kind('type1hosted', 'Type 1 hosted-OS (KVM-like)', 'Type 1 hosted', 'mdi-server-plus', { installable: inMachineWithOs }),
  kind('hostOs', 'Host OS', 'Host OS', 'mdi-linux', { acceptsGuests: false, settings: [], installable: inMachineWithOs }),
  kind('type2', 'Type 2 (application VMM)', 'Type 2', 'mdi-application-outline', { installable: onPlatform }),
  kind('paravirt', 'Paravirtualization (Xen-like)', 'Paravirtual', 'mdi-swap-horizontal-bold', { installable: inMachine }),
  kind('emulator', 'Emulator', 'Emulator', 'mdi-translate', { crossIsa: true, installable: onPlatform }),
  kind('processVm', 'Process VM (JVM-like)', 'Process VM', 'mdi-language-java', {
    crossIsa: true,
    settings: ['heap'],
    guestNoun: 'process VM',
    installable: onPlatform,
    power: { ...vmPower, shutdownLabel: 'Exit', saveState: { supported: false, why: 'a process VM is an operating-system process' } },
  }),
  kind('containers', 'Containers', 'Container', 'mdi-package-variant-closed', {
    settings: ['image', 'cgroupLimits'],
    guestNoun: 'container',
    installable: onPlatform,
    power: { ...vmPower, shutdownLabel: 'Stop (SIGTERM)', powerOffHow: 'SIGKILL, with no grace period', saveState: { supported: true, noun: 'checkpoint' } },
  }),
];
