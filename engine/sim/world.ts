// The simulation core's one interface: commands and queries by id; nothing outside the core reads its arrays or records.
import { AppError } from '../../shared/errors.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import type { Host } from '../../shared/domain/host.ts';
import type { FitVerdict as ContractFitVerdict } from '../../shared/domain/fitCheck.ts';
import type { MachineMetrics } from '../../shared/domain/machineMetrics.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';
import type { HostActivity, TelemetryBatch } from '../../shared/domain/telemetry.ts';
import { stepMs } from './clock.ts';
import { fitCheck } from './fitCheck.ts';
import { guestState } from './guestState.ts';
import { checkHotPlug, hotPlug, moveBetween, setBalloon, setWorkload } from './guestResources.ts';
import { checkSave, discardGuestState, pauseGuest, powerOffGuest, resetGuest, restoreSaved, resumeGuest, saveGuest, startGuest, stopGuest } from './lifecycle.ts';
import { checkMigration, migrateGuest } from './migration.ts';
import { addGuest, addHost, addPlatform, deleteGuest } from './placement.ts';
import { checkPatch, reconfigureGuest, renameGuest } from './reconfigure.ts';
import type { GuestPatch } from './reconfigure.ts';
import { guestChain, platformChain } from './queries/chains.ts';
import { toGuestView } from './queries/guestView.ts';
import type { GuestView } from './queries/guestView.ts';
import { hostActivityOf } from './queries/hostActivity.ts';
import { listHostSummaries } from './queries/hostSummaries.ts';
import { HostUtilisation } from './queries/hostUtilisation.ts';
import { machineMetricsOf } from './queries/machineMetrics.ts';
import { buildTelemetryBatch } from './queries/telemetryBatch.ts';
import { zonesFor } from './queries/zones.ts';
import type { SecondMetrics } from './secondSnapshots.ts';
import { summarize } from './summary.ts';
import type { SimSummary } from './summary.ts';
import { settleIo, settleIoSlot } from './ioAccounting.ts';
import { stepWorld } from './worldStep.ts';
import type { FitVerdict, GuestInput, HostInput, HostModel, PlatformInput, SimEvent, WorkloadName } from './types.ts';
import type { GuestRec, PlatformRec } from './worldModel.ts';
import { WorldState } from './worldState.ts';

export type { GuestView } from './queries/guestView.ts';
export type { GuestPatch } from './reconfigure.ts';

export interface SimWorldOptions {
  /** Guest slots to allocate up front (arrays double when exceeded). */
  readonly capacity?: number;
}

export interface PlatformView {
  readonly id: string;
  readonly name: string;
  readonly kind: PlatformInput['kind'];
  readonly hostId: string;
  readonly chain: readonly string[];
}

export class SimWorld {
  readonly #w: WorldState;
  readonly #utilisation = new HostUtilisation();
  readonly #stateListeners: ((id: string) => void)[] = [];

  constructor(seed: number, options: SimWorldOptions = {}) {
    this.#w = new WorldState(seed, options.capacity ?? 64);
    this.#w.onStateChange = (rec) => {
      if (rec.hidden) return;
      for (const listener of this.#stateListeners) listener(rec.id);
    };
  }

  get seed(): number {
    return this.#w.seed;
  }

  get nowMs(): number {
    return this.#w.nowMs;
  }

  /** Sets the clock of an empty world (a restarted engine carries on from where the crashed one stopped). */
  startAt(ms: number): void {
    if (this.guestIds().length > 0) throw new AppError('INVALID_STATE', 'The clock can only be set before guests exist');
    this.#w.nowMs = ms;
  }

  /** Calls `listener` with a guest's id each time it enters a life-cycle state (timed transitions included). */
  onStateChange(listener: (id: string) => void): void {
    this.#stateListeners.push(listener);
  }

  // ── Building ──

  addHost(input: HostInput): HostModel {
    return addHost(this.#w, input);
  }

  addPlatform(input: PlatformInput): PlatformView {
    return this.#platformView(addPlatform(this.#w, input));
  }

  /** `restoring` re-creates a guest accepted before: capacity refusals are ignored so it never vanishes. */
  addGuest(input: GuestInput, options: { restoring?: boolean } = {}): GuestView {
    return toGuestView(this.#w, addGuest(this.#w, input, options));
  }

  deleteGuest(id: string): void {
    deleteGuest(this.#w, this.#rec(id));
  }

  // ── Commands ──

  /** Boots a powered-off guest or resumes a saved one; returns the MiB of saved state it used up (0 for a boot). */
  start(id: string): number {
    return startGuest(this.#w, this.#rec(id));
  }

  /** Asks the guest to shut down the way its kind does; refused with the reason when it ignores the request. */
  stop(id: string): void {
    stopGuest(this.#w, this.#rec(id));
  }

  /** Cuts the power (or SIGKILLs a container) at once. */
  powerOff(id: string): void {
    powerOffGuest(this.#w, this.#rec(id));
  }

  reset(id: string): void {
    resetGuest(this.#w, this.#rec(id));
  }

  /** Refuses, with the reason, when the guest cannot be saved now; changes nothing. */
  checkSave(id: string): void {
    checkSave(this.#w, this.#rec(id));
  }

  /** Saves the guest's memory (`sizeMiB`, whose room the caller checked) and leaves it Saved. */
  saveState(id: string, sizeMiB: number): void {
    saveGuest(this.#w, this.#rec(id), sizeMiB);
  }

  /** Forgets a saved state; returns the MiB it took. */
  discardState(id: string): number {
    return discardGuestState(this.#w, this.#rec(id));
  }

  /** A guest restored from a library record that was Saved. */
  restoreSaved(id: string, sizeMiB: number, atMs: number): void {
    restoreSaved(this.#rec(id), sizeMiB, atMs);
  }

  /** The saved state of a guest, if it is Saved. */
  savedState(id: string): { readonly sizeMiB: number; readonly atMs: number } | undefined {
    return this.#rec(id).saved;
  }

  pause(id: string): void {
    pauseGuest(this.#w, this.#rec(id));
  }

  resume(id: string): void {
    resumeGuest(this.#w, this.#rec(id));
  }

  moveCpu(fromId: string, toId: string, count: number): void {
    moveBetween(this.#w, this.#rec(fromId), this.#rec(toId, 'to'), count, 'cores');
  }

  moveMemory(fromId: string, toId: string, mib: number): void {
    moveBetween(this.#w, this.#rec(fromId), this.#rec(toId, 'to'), mib, 'memory');
  }

  checkHotPlug(id: string, vcpus: number, memoryMiB: number): void {
    checkHotPlug(this.#w, this.#rec(id), vcpus, memoryMiB);
  }

  hotPlug(id: string, vcpus: number, memoryMiB: number): void {
    hotPlug(this.#w, this.#rec(id), vcpus, memoryMiB);
  }

  setBalloon(id: string, mib: number): void {
    setBalloon(this.#w, this.#rec(id), mib);
  }

  setWorkload(id: string, workload: WorkloadName, intensity = 1): void {
    setWorkload(this.#w, this.#rec(id), workload, intensity);
  }

  /** The fit check of the guest as `patch` would leave it; changes nothing. */
  checkReconfigure(id: string, patch: GuestPatch): FitVerdict {
    return checkPatch(this.#w, this.#rec(id), patch);
  }

  reconfigure(id: string, patch: GuestPatch): void {
    reconfigureGuest(this.#w, this.#rec(id), patch);
  }

  rename(id: string, name: string): void {
    renameGuest(this.#w, this.#rec(id), name);
  }

  /** Whether and why the guest can (not) move to the platform now; changes nothing. */
  checkMigration(id: string, platformId: string): FitVerdict {
    return checkMigration(this.#w, this.#rec(id), this.#platform(platformId));
  }

  /** Moves a guest, running or not, to another platform of its kind; its state, memory and counters go with it. */
  migrate(id: string, platformId: string): void {
    migrateGuest(this.#w, this.#rec(id), this.#platform(platformId));
  }

  // ── Queries ──

  fitCheck(input: GuestInput): FitVerdict {
    return fitCheck(this.#w, input);
  }

  /** Green/amber zones for a new guest's vCPUs and memory on a platform. */
  zones(platformId: string): ContractFitVerdict['zones'] {
    return zonesFor(this.#w, this.#platform(platformId));
  }

  has(id: string): boolean {
    return this.#w.guestById.has(id);
  }

  guest(id: string): GuestView {
    return toGuestView(this.#w, this.#rec(id));
  }

  /** Guest ids in creation order. */
  guestIds(): string[] {
    const ids: string[] = [];
    for (const rec of this.#w.guestById.values()) if (!rec.hidden) ids.push(rec.id);
    return ids;
  }

  /** Id of the guest holding `name` (case-insensitively). */
  idByName(name: string): string | undefined {
    return this.#w.guestByNameKey.get(machineNameKey(name))?.id;
  }

  stateOf(id: string): MachineState {
    return guestState(this.#w, this.#rec(id));
  }

  /** Memory the guest touches now (what a memory snapshot must save). */
  usedMemoryMiB(id: string): number {
    return this.#w.g.touched[this.#rec(id).slot]!;
  }

  /** Metrics of the last whole simulated second for a guest. */
  lastSecond(id: string): SecondMetrics {
    return this.#w.seconds.metrics(this.#w.g, this.#rec(id).slot);
  }

  metrics(id: string): MachineMetrics {
    return machineMetricsOf(this.#w, this.#rec(id));
  }

  platform(id: string): PlatformView {
    return this.#platformView(this.#platform(id));
  }

  hasPlatform(id: string): boolean {
    return this.#w.platformById.has(id);
  }

  /** Per guest and host over the whole run so far, with the event log: what a scenario prints. */
  summary(): SimSummary {
    settleIo(this.#w.g, this.#w.slotCount);
    return summarize(this.#w);
  }

  platformIds(): string[] {
    return this.#w.platforms.map((p) => p.id);
  }

  hostIds(): string[] {
    return this.#w.hosts.map((h) => h.id);
  }

  host(id: string): HostModel | undefined {
    return this.#w.hostById.get(id)?.model;
  }

  /** Cumulative MiB the guest has written to its disk (what grows a thin image). */
  diskWrittenMiB(id: string): number {
    const slot = this.#rec(id).slot;
    settleIoSlot(this.#w.g, slot);
    return this.#w.g.cDiskWrite[slot]!;
  }

  hostOfPlatform(platformId: string): HostModel {
    return this.#w.hosts[this.#platform(platformId).host]!.model;
  }

  chainOf(id: string): string[] {
    return guestChain(this.#w, this.#rec(id));
  }

  /** Every host with its platforms, capacity, commitments and last-second utilisation. */
  listHosts(): Host[] {
    return listHostSummaries(this.#w, this.#utilisation);
  }

  /** Per host: per-core utilisation, memory and busiest guests over the last second (storage is added by the caller). */
  hostActivity(): Omit<HostActivity, 'storage'>[] {
    return this.#w.hosts.map((host) => hostActivityOf(this.#w, host, this.#utilisation));
  }

  /** The last whole second of every powered-on guest, in creation order. */
  telemetryBatch(): TelemetryBatch {
    return buildTelemetryBatch(this.#w);
  }

  events(): readonly SimEvent[] {
    return this.#w.events.all();
  }

  eventCount(): number {
    return this.#w.events.length;
  }

  eventsSince(cursor: number): SimEvent[] {
    return this.#w.events.since(cursor);
  }

  /** Logs an event about a guest (operations outside the core: snapshots, clones, settings). */
  logGuest(id: string, kind: SimEvent['kind'], message: string): void {
    this.#w.logGuest(this.#rec(id), kind, message);
  }

  /** Moves simulated time forward in fixed steps; results do not depend on how time is sliced. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite, non-negative duration (got ${ms})`);
    const w = this.#w;
    w.carryMs += ms;
    // The tolerance absorbs float drift from fractional speeds (e.g. 100 ms × 1/3 each tick).
    while (w.carryMs >= stepMs - 1e-6) {
      w.carryMs -= stepMs;
      stepWorld(w);
      if (w.nowMs % 1000 === 0) this.#utilisation.take(w);
    }
  }

  /** Test and bench access to the world's data; nothing in the engine outside engine/sim may use it. */
  get internals(): WorldState {
    return this.#w;
  }

  #rec(id: string, field = 'id'): GuestRec {
    const rec = this.#w.guestById.get(id);
    if (!rec || rec.hidden) throw new AppError('NOT_FOUND', `There is no machine with id "${id}"; it may have been deleted`, field);
    return rec;
  }

  #platform(id: string): PlatformRec {
    const platform = this.#w.platformById.get(id);
    if (platform) return platform;
    const known = this.#w.platforms.map((p) => `${p.name} (${p.id})`).join(', ');
    throw new AppError('NOT_FOUND', `There is no platform with id "${id}"; available platforms: ${known}`, 'platformId');
  }

  #platformView(platform: PlatformRec): PlatformView {
    return { id: platform.id, name: platform.name, kind: platform.kind, hostId: this.#w.hosts[platform.host]!.id, chain: platformChain(this.#w, platform) };
  }
}
