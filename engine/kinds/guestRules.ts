// Admission rules several kinds share: the guest's ISA must be the host's, and which OS a kind boots by default.
import type { SimOs } from '../sim/catalogue.ts';
import type { HostModel } from '../sim/types.ts';
import type { VerdictSink } from './kindModule.ts';

/** Only an emulator runs another instruction set; every other kind refuses a guest built for a foreign ISA. */
export function requireHostIsa(os: SimOs | undefined, hostIsa: string, out: VerdictSink): void {
  if (os && os.isa !== hostIsa) {
    out.refuse('VALIDATION', 'os', `${os.label} is a ${os.isa} OS but the host is ${hostIsa}; only an emulator can run another instruction set`);
  }
}

/** A general-purpose guest OS for the host's instruction set. */
export function nativeOsFor(host: HostModel): string {
  return host.isa === 'arm64' ? 'ubuntu-arm64' : 'ubuntu64';
}

/** Settings every full virtual machine has. */
export const vmSettings = ['firmware', 'opticalDrive', 'storageController', 'virtualDisk', 'networkAdapters'] as const;

/** Memory a general-purpose guest gets by default (an 8-bit console gets 1 MiB). */
export function vmMemoryMiB(os: string): number {
  return os === 'console-6502' ? 1 : 2048;
}
