// Whether a host takes new guests now: only a host that is on and not in maintenance does.
import type { HostRec } from '../worldModel.ts';

/** Why the host takes no new guest (creation, start, migration in) now, or undefined when it does. */
export function hostRefusal(host: HostRec): string | undefined {
  const name = host.model.name;
  if (host.power === 'maintenance') return `Host "${name}" is in maintenance mode: it accepts no new guests until it leaves maintenance`;
  if (host.power === 'off') return `Host "${name}" is powered off; power it on first`;
  if (host.power === 'failed') return `Host "${name}" has failed; power it on again once it is repaired`;
  return undefined;
}
