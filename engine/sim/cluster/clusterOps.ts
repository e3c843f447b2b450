// The data-center part of the core's interface, by id: timed migrations, migration links, host power and failure.
import { AppError } from '../../../shared/errors.ts';
import type { HostPower, Migration, MigrationMethod, MigrationReason } from '../../../shared/domain/datacenter.ts';
import { linkLimits } from '../../../shared/domain/datacenter.ts';
import { profileTable } from '../../mechanisms/workloadProfiles.ts';
import { S_OFF, S_RUNNING } from '../guestArrays.ts';
import type { FitVerdict } from '../types.ts';
import type { GuestRec, HostRec, PlatformRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';
import { endRun } from './clusterStep.ts';
import { failHost, guestsOnHost, setHostPower } from './hostPower.ts';
import { checkStartMigration, freeMemoryMiB, methodFor } from './migrationRules.ts';
import { newRun } from './migrationRun.ts';
import type { MigrationRun } from './migrationRunRecord.ts';
import { preCopyDefaults, preCopyLimits } from './preCopyModel.ts';
import { toMigration } from './migrationView.ts';

export interface StartOptions {
  readonly reason: MigrationReason;
  /** Disk data to copy first (local storage); 0 when the disks stay on shared storage. */
  readonly storageMiB: number;
  readonly maxRounds?: number;
  readonly maxDowntimeMs?: number;
}

/** How a guest writes memory now: what an estimate of its migration starts from. */
export interface GuestWriting {
  readonly memoryMiB: number;
  /** Memory it touches (what a checkpoint contains). */
  readonly usedMiB: number;
  readonly dirtyMiBs: number;
  readonly writableMiB: number;
}

export interface Lookups {
  guest(id: string): GuestRec;
  platform(id: string): PlatformRec;
  host(id: string): HostRec;
}

export class ClusterOps {
  readonly #w: WorldState;
  readonly #find: Lookups;

  constructor(w: WorldState, find: Lookups) {
    this.#w = w;
    this.#find = find;
  }

  /** How the guest would move now (cold when powered off), or undefined when its kind cannot move it while it runs. */
  methodFor(guestId: string): MigrationMethod | undefined {
    return methodFor(this.#w, this.#find.guest(guestId));
  }

  /** Whether and why the guest can (not) start migrating to the platform now; changes nothing. */
  checkMigration(guestId: string, platformId: string): FitVerdict {
    return checkStartMigration(this.#w, this.#find.guest(guestId), this.#find.platform(platformId));
  }

  /** Starts a timed migration (pre-copy, checkpoint/restore or cold, as the guest's kind and state say); refused changes nothing. */
  startMigration(guestId: string, platformId: string, options: StartOptions): Migration {
    const w = this.#w;
    const rec = this.#find.guest(guestId);
    const target = this.#find.platform(platformId);
    const verdict = checkStartMigration(w, rec, target);
    const refusal = verdict.reasons.find((r) => r.severity === 'refused');
    if (refusal) {
      w.logGuest(rec, 'refusal', `Cannot migrate to ${target.name}: ${refusal.message}`);
      throw new AppError(refusal.code, refusal.message, refusal.field);
    }
    const method = methodFor(w, rec)!;
    const maxRounds = options.maxRounds ?? preCopyDefaults.maxRounds;
    const maxDowntimeMs = options.maxDowntimeMs ?? preCopyDefaults.maxDowntimeMs;
    if (!Number.isInteger(maxRounds) || maxRounds < preCopyLimits.maxRounds.min || maxRounds > preCopyLimits.maxRounds.max) {
      throw new AppError('VALIDATION', `Round limit must be a whole number from ${preCopyLimits.maxRounds.min} to ${preCopyLimits.maxRounds.max}`, 'maxRounds');
    }
    if (!Number.isFinite(maxDowntimeMs) || maxDowntimeMs < preCopyLimits.maxDowntimeMs.min || maxDowntimeMs > preCopyLimits.maxDowntimeMs.max) {
      throw new AppError('VALIDATION', `Downtime goal must be from ${preCopyLimits.maxDowntimeMs.min} to ${preCopyLimits.maxDowntimeMs.max} ms`, 'maxDowntimeMs');
    }
    const memoryMiB = method === 'precopy' ? w.g.memMiB[rec.slot]! : method === 'checkpointRestore' ? Math.max(1, w.g.touched[rec.slot]!) : 0;
    const switchoverMs = method === 'checkpointRestore' ? preCopyDefaults.restoreMs : preCopyDefaults.switchoverMs;
    const run = newRun(`mig-${w.cluster.nextRunId++}`, rec, w.platformOf(rec), target, { method, reason: options.reason, storageMiB: Math.max(0, options.storageMiB), maxRounds, maxDowntimeMs, switchoverMs }, memoryMiB, w.nowMs);
    w.cluster.runs.push(run);
    w.cluster.version += 1;
    const how = method === 'precopy' ? 'Live migration (pre-copy)' : method === 'checkpointRestore' ? 'Checkpoint/restore migration' : 'Cold migration';
    const disks = run.options.storageMiB > 0 ? `; ${formatMiB(run.options.storageMiB)} of disk copied first (local storage)` : '';
    w.logGuest(rec, 'datacenter', `${how} to ${target.name} on "${w.hosts[target.host]!.model.name}" started${disks}`);
    return toMigration(w, run);
  }

  /** Stops a running migration; the guest carries on where it was. */
  cancelMigration(migrationId: string, why = 'cancelled by the user'): Migration {
    const run = this.#w.cluster.runs.find((r) => r.id === migrationId);
    if (!run) throw new AppError('NOT_FOUND', `There is no running migration with id "${migrationId}"; it may have finished`, 'migrationId');
    endRun(this.#w, run, 'cancelled', why);
    return toMigration(this.#w, run);
  }

  /** Running migrations, in start order. */
  migrations(): Migration[] {
    return this.#w.cluster.runs.map((run) => toMigration(this.#w, run));
  }

  migrationOf(guestId: string): Migration | undefined {
    const rec = this.#find.guest(guestId);
    const run = this.#w.cluster.runs.find((r) => r.rec === rec);
    return run ? toMigration(this.#w, run) : undefined;
  }

  /** Migrations that ended (done, failed, cancelled) since the last call. */
  takeEnded(): Migration[] {
    const ended = this.#w.cluster.ended;
    if (ended.length === 0) return noMigrations;
    return ended.splice(0).map((run: MigrationRun) => toMigration(this.#w, run));
  }

  /** Changes whenever a migration starts, changes phase, finishes a round or ends (cheap to poll every step). */
  get version(): number {
    return this.#w.cluster.version;
  }

  /** How many migrations are running. */
  get running(): number {
    return this.#w.cluster.runs.length;
  }

  linkGbps(hostId: string): number {
    return this.#w.cluster.linkOf(this.#find.host(hostId).index);
  }

  setLinkGbps(hostId: string, gbps: number): void {
    const host = this.#find.host(hostId);
    if (!Number.isFinite(gbps) || gbps < linkLimits.minGbps || gbps > linkLimits.maxGbps) {
      throw new AppError('VALIDATION', `Link bandwidth must be from ${linkLimits.minGbps} to ${linkLimits.maxGbps} Gbit/s`, 'gbps');
    }
    this.#w.cluster.linkGbps[host.index] = gbps;
  }

  hostPower(hostId: string): HostPower {
    return this.#find.host(hostId).power;
  }

  setHostPower(hostId: string, power: Exclude<HostPower, 'failed'>): void {
    setHostPower(this.#w, this.#find.host(hostId), power);
  }

  /** Power loss: returns the ids of the guests it aborted. */
  failHost(hostId: string): string[] {
    return failHost(this.#w, this.#find.host(hostId)).map((rec) => rec.id);
  }

  /** Ids of the guests defined on the host (every pool on it), in creation order. */
  guestsOn(hostId: string): string[] {
    return guestsOnHost(this.#w, this.#find.host(hostId))
      .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1))
      .map((rec) => rec.id);
  }

  freeMemoryMiB(platformId: string): number {
    return freeMemoryMiB(this.#w, this.#find.platform(platformId));
  }

  /** The guest's memory and writing over the last whole second (its profile's baseline before it has one). */
  writing(guestId: string): GuestWriting {
    const w = this.#w;
    const rec = this.#find.guest(guestId);
    const i = rec.slot;
    const p = profileTable[w.g.profile[i]!]!;
    const memoryMiB = w.g.memMiB[i]!;
    const running = w.g.state[i] === S_RUNNING;
    let work = running ? w.seconds.metrics(w.g, i).guestCores : 0;
    if (running && work <= 0) work = p.cpu * rec.spec.vcpus * rec.spec.intensity;
    const ws = w.g.ws[i]! > 0 ? w.g.ws[i]! : p.ws * memoryMiB;
    return {
      memoryMiB,
      usedMiB: w.g.state[i] === S_OFF ? 0 : w.g.touched[i]!,
      dirtyMiBs: p.dirtyMiBPerCore * work,
      writableMiB: Math.min(p.writableShare * memoryMiB, ws),
    };
  }
}

const noMigrations: Migration[] = [];

function formatMiB(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}
