// The simulated world's data: hosts, platforms, pools and guests by id, the hot arrays and the event log. No commands here.
import { simOsCatalogue } from './catalogue.ts';
import { ClusterState } from './cluster/clusterState.ts';
import { EventLog } from './events.ts';
import type { EventSubject } from './events.ts';
import { GuestArrays } from './guestArrays.ts';
import { PoolColumns } from './poolColumns.ts';
import { SecondSnapshots } from './secondSnapshots.ts';
import type { SimEventKind } from './types.ts';
import type { GuestRec, HostRec, PlatformRec, PoolRec } from './worldModel.ts';

export class WorldState {
  readonly seed: number;
  nowMs = 0;
  readonly g: GuestArrays;
  /** Slots in use (laid out pool by pool once the layout is rebuilt); new guests are appended. */
  slotCount = 0;
  readonly hosts: HostRec[] = [];
  readonly platforms: PlatformRec[] = [];
  readonly pools: PoolRec[] = [];
  /** The pools' fields the step reads and writes, by pool index. */
  readonly poolColumns = new PoolColumns();
  /** Indexed by slot; host-process guests included; undefined for a deleted guest's slot until the next layout. */
  readonly guests: (GuestRec | undefined)[] = [];
  readonly hostById = new Map<string, HostRec>();
  readonly platformById = new Map<string, PlatformRec>();
  readonly guestById = new Map<string, GuestRec>();
  /** Case-insensitive name → guest: names are unique labels. */
  readonly guestByNameKey = new Map<string, GuestRec>();
  readonly events = new EventLog();
  /** Migration links, running migrations and hosts that are off or failed. */
  readonly cluster = new ClusterState();
  /** Called after a guest (host processes included) enters a new life-cycle state, timed transitions too. */
  onStateChange: ((rec: GuestRec) => void) | undefined;
  /** Slots must be regrouped by pool before the next step (guests were added, deleted or moved). */
  layoutDirty = true;
  /** Guests with an administrator-set balloon; while any exist every pool recomputes reclaim each step. */
  balloonFloors = 0;
  /** Per host: cumulative busy core-seconds and resident MiB-seconds. */
  hostBusyS: Float64Array<ArrayBuffer> = new Float64Array(0);
  hostMemS: Float64Array<ArrayBuffer> = new Float64Array(0);
  readonly imageMiB = Float64Array.from(simOsCatalogue.map((os) => os.imageMiB));
  readonly osScratch = new Float64Array(simOsCatalogue.length);
  readonly seconds: SecondSnapshots;
  carryMs = 0;

  constructor(seed: number, capacity: number) {
    this.seed = seed >>> 0;
    this.g = new GuestArrays(capacity);
    this.seconds = new SecondSnapshots(this.g.capacity);
  }

  hostOf(rec: GuestRec): HostRec {
    return this.hosts[rec.host]!;
  }

  platformOf(rec: GuestRec): PlatformRec {
    return this.platforms[rec.platform]!;
  }

  poolOf(rec: GuestRec): PoolRec {
    return this.pools[rec.pool]!;
  }

  /** Logs an event about a guest on its current host. */
  logGuest(rec: GuestRec, kind: SimEventKind, message: string, atMs = this.nowMs): void {
    this.events.add(atMs, this.hostOf(rec).id, guestSubject(rec), kind, message);
  }

  logPlatform(platform: PlatformRec, kind: SimEventKind, message: string, atMs = this.nowMs): void {
    this.events.add(atMs, this.hosts[platform.host]!.id, { id: platform.id, label: platform.name, guestId: undefined }, kind, message);
  }
}

export function guestSubject(rec: GuestRec): EventSubject {
  return { id: rec.id, label: rec.name, guestId: rec.hidden ? undefined : rec.id };
}
