// The simulated world: hosts, platforms, pools and guests, built with checked rules; the hot state lives in GuestArrays.
import { AppError } from '../../shared/errors.ts';
import { kindFeatures, resolveHost, simOsCatalogue } from './catalogue.ts';
import { lifecycleTimes, platformCores, platformMemoryMiB, stepMs } from './costModel.ts';
import { EventLog } from './events.ts';
import { fitCheck } from './fitCheck.ts';
import { GuestArrays, F_HOSTING, S_RUNNING } from './guestArrays.ts';
import { resolveGuest } from './guestDefaults.ts';
import { configureSlot, cpuFactorFor } from './guestSetup.ts';
import { placePlatform, platformLabel } from './nesting.ts';
import { SecondSnapshots } from './secondSnapshots.ts';
import type { SecondMetrics } from './secondSnapshots.ts';
import { deleteGuest, formatMs, moveCpu, moveMemory, pauseGuest, resumeGuest, setBalloon, setWorkload, startGuest, stopGuest } from './worldCommands.ts';
import { machineStates } from '../../shared/domain/machineState.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';
import { createPool, groupSlotsByPool } from './worldOrder.ts';
import { stepWorld } from './worldStep.ts';
import type { FitVerdict, GuestInput, HostInput, HostModel, PlatformInput, WorkloadName } from './types.ts';
import type { GuestRec, HostRec, PlatformRec, PoolRec, ResolvedGuest } from './worldModel.ts';

export interface SimWorldOptions {
  /** Guest slots to allocate up front (arrays double when exceeded). */
  readonly capacity?: number;
}

export class SimWorld {
  readonly seed: number;
  nowMs = 0;
  readonly g: GuestArrays;
  slotCount = 0;
  readonly hosts: HostRec[] = [];
  readonly platforms: PlatformRec[] = [];
  readonly pools: PoolRec[] = [];
  /** Indexed by slot; hidden host-process slots included. */
  readonly guests: GuestRec[] = [];
  readonly hostByName = new Map<string, HostRec>();
  readonly platformByName = new Map<string, PlatformRec>();
  readonly guestByName = new Map<string, GuestRec>();
  /** Guests created with a backend id. */
  readonly guestById = new Map<string, GuestRec>();
  readonly events = new EventLog((subject) => this.guestByName.get(subject)?.id);
  /** Slots of deleted guests, reused (last freed first) before the arrays grow. */
  readonly freeSlots: number[] = [];
  /** Called after a guest (hidden host-process slots included) enters a new life-cycle state, timed transitions too. */
  onStateChange: ((rec: GuestRec) => void) | undefined;
  /** Slots grouped by pool (pool.start/count index into it); rebuilt only when guests are added. */
  order = new Int32Array(0);
  orderDirty = true;
  /** Per pool, summed by the first pass of each step: CPU wanted and memory touched. */
  poolWant: Float64Array<ArrayBuffer> = new Float64Array(0);
  poolNeedMiB: Float64Array<ArrayBuffer> = new Float64Array(0);
  /** Guests with an administrator-set balloon; while any exist every pool recomputes reclaim each step. */
  balloonFloors = 0;
  /** Per host: cumulative busy core-seconds and resident MiB-seconds. */
  hostBusyS: Float64Array<ArrayBuffer> = new Float64Array(0);
  hostMemS: Float64Array<ArrayBuffer> = new Float64Array(0);
  readonly imageMiB = Float64Array.from(simOsCatalogue.map((os) => os.imageMiB));
  readonly osScratch = new Float64Array(simOsCatalogue.length);
  readonly seconds: SecondSnapshots;
  private carryMs = 0;

  constructor(seed: number, options: SimWorldOptions = {}) {
    this.seed = seed >>> 0;
    this.g = new GuestArrays(options.capacity ?? 64);
    this.seconds = new SecondSnapshots(this.g.capacity);
  }

  addHost(input: HostInput): HostModel {
    if (this.hostByName.has(input.name)) throw new AppError('CONFLICT', `A host named "${input.name}" already exists`, 'name');
    const model = resolveHost(input);
    const index = this.hosts.length;
    const pool = this.newPool(index, -1);
    this.hosts.push({ model, index, pool: pool.index, devicesFree: Math.min(model.nics, model.diskControllers), nextIp: 2, ports: new Map() });
    this.hostByName.set(model.name, this.hosts[index]!);
    this.hostBusyS = grow(this.hostBusyS, this.hosts.length);
    this.hostMemS = grow(this.hostMemS, this.hosts.length);
    return model;
  }

  /** Installs a platform where its nesting rules allow; a refusal is logged for the host and thrown. */
  addPlatform(input: PlatformInput): PlatformRec {
    try {
      return this.installPlatform(input);
    } catch (error) {
      if (error instanceof AppError) {
        this.events.add(this.nowMs, this.hostNameFor(input), input.name, 'refusal', `Cannot install ${platformLabel(input.kind, input.name)}: ${error.message}`);
      }
      throw error;
    }
  }

  private hostNameFor(input: PlatformInput): string {
    const on = input.on;
    if ('host' in on) return on.host;
    if ('guest' in on) {
      const guest = this.guestByName.get(on.guest);
      return guest ? this.hostNameOf(guest) : '';
    }
    const parent = this.platformByName.get(on.platform);
    return parent ? this.hosts[parent.host]!.model.name : '';
  }

  private installPlatform(input: PlatformInput): PlatformRec {
    if (this.platformByName.has(input.name)) throw new AppError('CONFLICT', `A platform named "${input.name}" already exists`, 'name');
    const place = placePlatform(this, input);
    const host = this.hosts[place.host]!;
    const features = kindFeatures[input.kind];
    let pool = place.pool >= 0 ? this.pools[place.pool]! : undefined;
    if (!pool) {
      pool = this.newPool(place.host, place.parentGuest);
      const partition = this.guests[place.parentGuest]!;
      partition.hostsPool = pool.index;
      this.g.flags[partition.slot] = this.g.flags[partition.slot]! | F_HOSTING;
    }
    const control = input.kind === 'type0' ? (input.controlPartition ?? { cores: 1, memoryMiB: 1024 }) : { cores: 0, memoryMiB: 0 };
    if (control.cores >= host.model.cores) {
      throw new AppError('INSUFFICIENT_RESOURCES', `The control partition (${control.cores} cores) would leave no core of "${host.model.name}" for partitions`, 'controlPartition.cores');
    }
    if (features.bareMetal) {
      pool.bareMetal = this.platforms.length;
      pool.dedicated = features.dedicatedResources;
      pool.useReservations = features.reservations;
      pool.controlCores = control.cores;
    }
    pool.platformCores += platformCores[input.kind];
    // A host OS's own memory is carried by its host-process slot, so it can compete like any process.
    if (input.kind !== 'hostOs' && input.kind !== 'type1hosted') pool.platformMiB += platformMemoryMiB[input.kind];
    pool.platformMiB += control.memoryMiB;
    const rec: PlatformRec = {
      input,
      name: input.name,
      kind: input.kind,
      features,
      index: this.platforms.length,
      host: place.host,
      pool: pool.index,
      parentPlatform: place.parentPlatform,
      parentGuest: place.parentGuest,
      hiddenSlot: -1,
      hwAssist: place.hwAssist,
      chain: [...place.chain, platformLabel(input.kind, input.name)],
      controlCores: control.cores,
      controlMiB: control.memoryMiB,
    };
    this.platforms.push(rec);
    this.platformByName.set(rec.name, rec);
    if (input.kind === 'hostOs' || input.kind === 'type1hosted') this.addHostProcesses(rec);
    this.events.add(this.nowMs, host.model.name, rec.name, 'config', `${platformLabel(rec.kind, rec.name)} installed on ${place.chain[place.chain.length - 1]}`);
    return rec;
  }

  fitCheck(input: GuestInput): FitVerdict {
    return fitCheck(this, input);
  }

  /**
   * Creates a guest after the fit check; a refusal is logged and thrown as the first refused reason.
   * `restoring` re-creates a guest accepted before: capacity refusals are ignored so it never vanishes.
   */
  addGuest(input: GuestInput, options: { restoring?: boolean } = {}): GuestRec {
    if (input.id !== undefined && this.guestById.has(input.id)) throw new AppError('CONFLICT', `A guest with id "${input.id}" already exists`, 'id');
    const verdict = fitCheck(this, input);
    const refusal = verdict.reasons.find((r) => r.severity === 'refused' && !(options.restoring && r.code === 'INSUFFICIENT_RESOURCES'));
    if (refusal) {
      const platform = this.platformByName.get(input.platform);
      const hostName = platform ? this.hosts[platform.host]!.model.name : '';
      this.events.add(this.nowMs, hostName, input.name, 'refusal', `Cannot create "${input.name}": ${refusal.message}`);
      throw new AppError(refusal.code, refusal.message, refusal.field);
    }
    const platform = this.platformByName.get(input.platform)!;
    const host = this.hosts[platform.host]!;
    const spec = resolveGuest(input, platform.kind, host.model, host.devicesFree);
    const rec = this.createSlot(spec, input, platform, false);
    if (spec.io === 'passthrough') host.devicesFree -= 1;
    for (const port of spec.ports) host.ports.set(port, spec.name);
    const warnings = verdict.reasons.map((r) => r.message).join('; ');
    this.events.add(this.nowMs, host.model.name, spec.name, 'config', `Created on ${platformLabel(platform.kind, platform.name)}${warnings ? ` (${warnings})` : ''}`);
    return rec;
  }

  /**
   * Deletes a powered-off guest: it stops counting anywhere (pools, fit checks, metrics), its device and ports are
   * freed and its slot is cleared for reuse. Refused while it is not Powered Off or while a platform runs inside it.
   */
  deleteGuest(name: string): void {
    deleteGuest(this, name);
  }

  /** Records when a guest entered its state and tells the listener; not on the per-step path except at settling. */
  noteState(rec: GuestRec, atMs: number): void {
    rec.stateSinceMs = atMs;
    this.onStateChange?.(rec);
  }

  guestWithId(id: string): GuestRec | undefined {
    return this.guestById.get(id);
  }

  start(name: string): void {
    startGuest(this, name);
  }

  stop(name: string): void {
    stopGuest(this, name);
  }

  pause(name: string): void {
    pauseGuest(this, name);
  }

  resume(name: string): void {
    resumeGuest(this, name);
  }

  moveCpu(from: string, to: string, count: number): void {
    moveCpu(this, from, to, count);
  }

  moveMemory(from: string, to: string, mib: number): void {
    moveMemory(this, from, to, mib);
  }

  setBalloon(name: string, mib: number): void {
    setBalloon(this, name, mib);
  }

  setWorkload(name: string, workload: WorkloadName, intensity = 1): void {
    setWorkload(this, name, workload, intensity);
  }

  /** Metrics of the last whole simulated second for a guest. */
  lastSecond(name: string): SecondMetrics {
    return this.seconds.metrics(this.g, this.guest(name).slot);
  }

  stateOf(name: string): MachineState {
    return machineStates[this.g.state[this.guest(name).slot]!]!;
  }

  /** A translation cache or JIT reached 90 % of its best. */
  onWarm(slot: number, atMs: number, translation: boolean): void {
    const rec = this.guests[slot]!;
    const rate = Math.round(this.g.warm[slot]! * 100);
    const what = translation
      ? `Translation cache warm: ${rate}% of guest code runs from translated blocks${this.g.hitMax[slot]! < 0.9 ? ' (the most this cache size allows)' : ''}`
      : `JIT warm: ${rate}% of hot methods compiled`;
    this.events.add(atMs, this.hostNameOf(rec), rec.spec.name, 'runtime', `${what} ${formatMs(atMs - rec.lastStartCmdMs)} after start`);
  }

  guest(name: string): GuestRec {
    const rec = this.guestByName.get(name);
    if (!rec || rec.hidden) throw new AppError('NOT_FOUND', `No guest named "${name}"`, 'guest');
    return rec;
  }

  hostNameOf(rec: GuestRec): string {
    return this.hosts[rec.host]!.model.name;
  }

  /** Moves simulated time forward in fixed steps; results do not depend on how time is sliced. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite, non-negative duration (got ${ms})`);
    this.carryMs += ms;
    while (this.carryMs >= stepMs - 1e-6) {
      this.carryMs -= stepMs;
      stepWorld(this);
    }
  }

  /** Groups slots by pool so each pool's slots are contiguous in `order`. */
  rebuildOrder(): void {
    this.order = groupSlotsByPool(this.pools, this.g.pool, this.slotCount);
    this.poolWant = new Float64Array(this.pools.length);
    this.poolNeedMiB = new Float64Array(this.pools.length);
    this.orderDirty = false;
  }

  private newPool(host: number, partitionSlot: number): PoolRec {
    const pool = createPool(this.pools.length, host, partitionSlot);
    this.pools.push(pool);
    this.orderDirty = true;
    return pool;
  }

  private addHostProcesses(platform: PlatformRec): void {
    const host = this.hosts[platform.host]!.model;
    const input: GuestInput = {
      name: `${platform.name} (host processes)`,
      platform: platform.name,
      vcpus: platform.input.hostLoadCores ?? (platform.kind === 'hostOs' ? 0.5 : 0.3),
      memoryMiB: platformMemoryMiB[platform.kind],
      io: 'native',
    };
    const spec = resolveGuest(input, platform.kind, host, 0);
    const rec = this.createSlot({ ...spec, io: 'native' }, input, platform, true);
    platform.hiddenSlot = rec.slot;
    const pool = this.pools[platform.pool]!;
    // Host processes run whenever the machine under them runs.
    if (pool.partitionSlot < 0 || this.g.state[pool.partitionSlot] === S_RUNNING) this.g.state[rec.slot] = S_RUNNING;
  }

  private createSlot(spec: ResolvedGuest, input: GuestInput, platform: PlatformRec, hidden: boolean): GuestRec {
    const reused = this.freeSlots.pop();
    const slot = reused ?? this.slotCount;
    if (slot >= this.g.capacity) {
      this.g.grow(slot + 1);
      this.seconds.grow(this.g.capacity);
    }
    const host = this.hosts[platform.host]!;
    const ip = platform.kind === 'containers' && !hidden ? `10.88.${host.index}.${host.nextIp++}` : undefined;
    const rec: GuestRec = {
      id: hidden ? undefined : input.id,
      spec,
      input,
      slot,
      platform: platform.index,
      pool: platform.pool,
      host: platform.host,
      hidden,
      ip,
      device: spec.io === 'passthrough',
      ...lifecycleTimes(platform.kind, cpuFactorFor(platform, host.model.nestedPaging)),
      lastStartCmdMs: -1,
      lastStartTookMs: -1,
      stateSinceMs: this.nowMs,
      hostsPool: -1,
    };
    if (reused === undefined) this.slotCount += 1;
    this.guests[slot] = rec;
    this.guestByName.set(spec.name, rec);
    if (rec.id !== undefined) this.guestById.set(rec.id, rec);
    configureSlot(this, rec);
    this.orderDirty = true;
    return rec;
  }
}

function grow(array: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  if (array.length >= length) return array;
  const bigger = new Float64Array(length);
  bigger.set(array);
  return bigger;
}
