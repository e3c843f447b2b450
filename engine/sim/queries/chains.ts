// Nesting chains as people read them: "Atlas hardware (x86_64)" → "Type 1: Atlas ESX" → the guest; built from current names.
import { chainLabel } from '../../kinds/kindText.ts';
import type { GuestRec, PlatformRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';

/** Hardware → (partition →) parent platforms → this platform, outermost first. */
export function platformChain(w: WorldState, platform: PlatformRec): string[] {
  const steps: string[] = [];
  let current: PlatformRec | undefined = platform;
  let outer: string[] | undefined;
  while (current) {
    steps.unshift(`${chainLabel(current.module.description)}: ${current.name}`);
    const partition: GuestRec | undefined = current.parentGuest;
    if (partition) {
      outer = [...platformChain(w, w.platforms[partition.platform]!), `Partition: ${partition.name}`];
      break;
    }
    current = current.parentPlatform >= 0 ? w.platforms[current.parentPlatform] : undefined;
  }
  if (!outer) {
    const host = w.hosts[platform.host]!.model;
    outer = [`${host.name} hardware (${host.isa})`];
  }
  return [...outer, ...steps];
}

export function guestChain(w: WorldState, rec: GuestRec): string[] {
  return [...platformChain(w, w.platforms[rec.platform]!), rec.name];
}
