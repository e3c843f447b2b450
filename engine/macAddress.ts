// MAC addresses for virtual NICs: the prefix of the machine's kind (08:00:27, 00:16:3e, 52:54:00, 02:42...), random rest, unique.
import type { Rng } from './rng.ts';

/** The organisationally unique identifier VirtualBox uses; kinds without a prefix of their own use it too. */
export const virtualBoxOui = '08:00:27';

const macPattern = /^08:00:27(?::[0-9A-F]{2}){3}$/;

export function isVirtualBoxMac(mac: string): boolean {
  return macPattern.test(mac);
}

/** The octets of a prefix like "02:42" or "08:00:27"; a kind with none ("") uses VirtualBox's. */
function prefixOctets(prefix: string): string[] {
  const octets = (prefix.trim() === '' ? virtualBoxOui : prefix.trim()).toUpperCase().split(':');
  if (octets.length < 1 || octets.length > 5 || octets.some((o) => !/^[0-9A-F]{2}$/.test(o))) throw new RangeError(`Bad MAC prefix "${prefix}"`);
  return octets;
}

/**
 * Draws addresses from `rng` until one is not taken. Three-octet prefixes take the low 24 bits of one draw (the stream
 * MACs always used, so existing machines' MACs are reproduced); shorter ones take more draws.
 */
export function generateMac(rng: Rng, isTaken: (mac: string) => boolean, prefix = virtualBoxOui): string {
  const head = prefixOctets(prefix);
  const free = 6 - head.length;
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const tail: string[] = [];
    while (tail.length < free) {
      const word = rng.nextUint32();
      const take = Math.min(3, free - tail.length);
      for (let i = take - 1; i >= 0; i--) tail.push(hex((word >>> (8 * i)) & 0xff));
    }
    const mac = [...head, ...tail].join(':');
    if (!isTaken(mac)) return mac;
  }
  throw new RangeError(`No free MAC address could be found in the ${head.join(':')} range`);
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
