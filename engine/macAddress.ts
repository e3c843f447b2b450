// MAC addresses for virtual NICs: VirtualBox's 08:00:27 prefix, random low bytes from a seeded stream, unique.
import type { Rng } from './rng.ts';

/** The organisationally unique identifier VirtualBox uses for its virtual NICs. */
export const virtualBoxOui = '08:00:27';

const macPattern = /^08:00:27(?::[0-9A-F]{2}){3}$/;

export function isVirtualBoxMac(mac: string): boolean {
  return macPattern.test(mac);
}

/** Draws addresses from `rng` until one is not taken; the 2^24 space makes more than a few tries rare. */
export function generateMac(rng: Rng, isTaken: (mac: string) => boolean): string {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const low = rng.nextUint32() & 0xffffff;
    const mac = `${virtualBoxOui}:${hex(low >>> 16)}:${hex((low >>> 8) & 0xff)}:${hex(low & 0xff)}`;
    if (!isTaken(mac)) return mac;
  }
  throw new RangeError('No free MAC address could be found in the 08:00:27 range');
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
