// A guest as the rest of the engine sees it: a snapshot of its identity, placement, settings and state.
import type { MachineState } from '../../../shared/domain/machineState.ts';
import { guestState } from '../guestState.ts';
import type { ResolvedGuest, SimPlatformKind } from '../types.ts';
import type { GuestRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';

export interface GuestView extends ResolvedGuest {
  readonly id: string;
  readonly name: string;
  readonly platformId: string;
  readonly hostId: string;
  readonly kind: SimPlatformKind;
  readonly state: MachineState;
  readonly stateSinceMs: number;
  readonly createdAtMs: number;
  /** A container's address on its host's bridge network. */
  readonly ip: string | undefined;
  /** How long the last start took (simulated ms), or -1. */
  readonly lastStartTookMs: number;
  /** A platform runs inside this guest (a partition hosting a hypervisor). */
  readonly hostsPlatform: boolean;
}

export function toGuestView(w: WorldState, rec: GuestRec): GuestView {
  const platform = w.platforms[rec.platform]!;
  return {
    ...rec.spec,
    id: rec.id,
    name: rec.name,
    platformId: platform.id,
    hostId: w.hosts[rec.host]!.id,
    kind: platform.kind,
    state: guestState(w, rec),
    stateSinceMs: rec.stateSinceMs,
    createdAtMs: rec.createdAtMs,
    ip: rec.ip,
    lastStartTookMs: rec.lastStartTookMs,
    hostsPlatform: rec.hostsPool >= 0,
  };
}
