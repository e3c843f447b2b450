// xoshiro128** over a shared Uint32Array (4 words per guest slot) so the hot loop draws numbers without objects.
import { deriveSeed, Rng } from '../rng.ts';

/** Seeds slot `slot` from the world seed and the guest's name: streams do not depend on other guests. */
export function seedSlot(words: Uint32Array, slot: number, seed: number, label: string): void {
  const rng = new Rng(deriveSeed(seed, label));
  const o = slot * 4;
  words[o] = rng.nextUint32();
  words[o + 1] = rng.nextUint32();
  words[o + 2] = rng.nextUint32();
  words[o + 3] = rng.nextUint32() | 1;
}

/** Next uniform in [0, 1) from slot `slot`'s stream (same algorithm as rng.ts). */
export function nextUnit(w: Uint32Array, slot: number): number {
  const o = slot * 4;
  const s0 = w[o]!;
  const s1 = w[o + 1]!;
  let s2 = w[o + 2]!;
  let s3 = w[o + 3]!;
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  w[o + 1] = s1 ^ s2;
  w[o] = s0 ^ s3;
  w[o + 2] = s2 ^ t;
  w[o + 3] = rotl(s3, 11);
  return r / 4294967296;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
