// Standalone containers (machines of a container platform): their settings, the restart policy after an exit or an
// OOM kill (Docker's back-off), the PIDs limit, and the layer cache they share with application replicas.
import { AppError } from '../../shared/errors.ts';
import { containerLimits, containerSettingsSchema } from '../../shared/domain/containerSpec.ts';
import type { ContainerSettings, ContainerSpec } from '../../shared/domain/containerSpec.ts';
import type { ReplicaExit } from '../../shared/domain/applicationView.ts';
import type { MachineRecord } from '../../shared/domain/machineRecord.ts';
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import type { SimWorld } from '../sim/world.ts';
import type { GuestExtras } from '../fitView.ts';
import { defaultImageFor, requireImage } from './imageCatalogue.ts';
import type { CatalogueImage } from './imageCatalogue.ts';
import { LayerCache } from './layerCache.ts';
import { dockerBackoff, nextBackoff } from './restartBackoff.ts';

/** Processes a workload adds to the image's own (shell scripts fork a lot; a batch job hardly at all). */
/** Commands after which the container is off (or checkpointed) because the user wanted it so. */
const userEndsRun: ReadonlySet<LifecycleAction> = new Set(['stop', 'powerOff', 'saveState', 'discardState']);

const workloadProcesses: Readonly<Record<string, number>> = { idle: 0, web: 8, database: 12, compile: 24, cpuBatch: 2, bursty: 6, memoryHungry: 2, forkExec: 60 };

interface ContainerState {
  settings: ContainerSettings;
  image: CatalogueImage;
  restartCount: number;
  /** Failures in a row, for the back-off. */
  streak: number;
  lastExit: ReplicaExit | undefined;
  restartAtMs: number | undefined;
  /** The user (or Virtlab, for a PIDs failure) asked it to stop: the exit is not a failure. */
  stopRequested: boolean;
  /** Set when Virtlab stops it for breaking its PIDs limit: the exit to report once it is off. */
  pendingExit: ReplicaExit | undefined;
  runningSinceMs: number | undefined;
}

export class ContainerRuntime {
  /** Shared with the orchestrator: one layer cache per host. */
  readonly layers = new LayerCache();
  readonly #containers = new Map<string, ContainerState>();

  /** The settings a new container gets: the spec's, else Docker's defaults; the image must exist. */
  settingsFor(spec: ContainerSpec | undefined, osType: string): { settings: ContainerSettings; image: CatalogueImage } {
    const image = spec ? requireImage(spec.image, 'container.image') : defaultImageFor(osType);
    const ports = spec?.ports ?? [];
    const seen = new Set<number>();
    for (const port of ports) {
      if (seen.has(port.host)) throw new AppError('VALIDATION', `Host port ${port.host} is published twice`, 'container.ports');
      seen.add(port.host);
    }
    const settings: ContainerSettings = {
      image: image.ref,
      command: spec?.command ?? [...image.command],
      env: spec?.env ?? {},
      ports,
      volumes: spec?.volumes ?? [],
      cpuShares: spec?.cpuShares ?? containerLimits.cpuShares.default,
      pidsLimit: spec?.pidsLimit ?? containerLimits.pids.default,
      restartPolicy: spec?.restartPolicy ?? 'no',
      ...(spec?.cpuQuota === undefined ? {} : { cpuQuota: spec.cpuQuota }),
    };
    return { settings, image };
  }

  /** What the simulated guest takes from the settings: ports, cpu.weight and cpu.max (its OS is the image's). */
  guestInput(settings: ContainerSettings): GuestExtras {
    return {
      ports: settings.ports.map((port) => port.host),
      // The simulation's shares are per 1000, Docker's per 1024.
      shares: Math.max(1, Math.round((settings.cpuShares * 1000) / 1024)),
      ...(settings.cpuQuota === undefined ? {} : { limitCores: settings.cpuQuota }),
    };
  }

  add(id: string, hostId: string, settings: ContainerSettings, image: CatalogueImage): void {
    // Creating a container pulls its image first (docker run does); the pull is not timed for a single container.
    this.layers.adopt(hostId, image);
    this.#containers.set(id, { settings, image, restartCount: 0, streak: 0, lastExit: undefined, restartAtMs: undefined, stopRequested: false, pendingExit: undefined, runningSinceMs: undefined });
  }

  /** The guest settings a saved container had (for re-creating its simulated guest). */
  restoredGuest(record: MachineRecord): GuestExtras {
    return record.container ? this.guestInput(record.container) : {};
  }

  /** A restored container: its image was pulled before the restart. Older records without settings get the defaults. */
  restoreRecord(record: MachineRecord): void {
    const saved = record.container === undefined ? undefined : containerSettingsSchema.parse(record.container);
    const { settings, image } = saved ? { settings: saved, image: requireImage(saved.image, 'container.image') } : this.settingsFor(undefined, record.osType);
    this.add(record.id, record.hostId, settings, image);
  }

  /** The record with the container's settings, when it is one. */
  withSettings(record: MachineRecord): MachineRecord {
    const settings = this.#containers.get(record.id)?.settings;
    return settings ? { ...record, container: settings } : record;
  }

  has(id: string): boolean {
    return this.#containers.has(id);
  }

  settings(id: string): ContainerSettings | undefined {
    return this.#containers.get(id)?.settings;
  }

  image(id: string): CatalogueImage | undefined {
    return this.#containers.get(id)?.image;
  }

  /** Every container with its image, for layer sharing. */
  entries(): { id: string; image: CatalogueImage }[] {
    return [...this.#containers].map(([id, state]) => ({ id, image: state.image }));
  }

  state(id: string): { restartCount: number; lastExit: ReplicaExit | undefined; restartAtMs: number | undefined } | undefined {
    const state = this.#containers.get(id);
    return state && { restartCount: state.restartCount, lastExit: state.lastExit, restartAtMs: state.restartAtMs };
  }

  forget(id: string): void {
    this.#containers.delete(id);
  }

  /**
   * A life-cycle command the user gave, noted before it runs: stopping, killing, checkpointing or discarding a checkpoint
   * is not a failure, and a start cancels a pending restart. Returns how to take the note back if the command is refused.
   */
  noteCommand(id: string, action: LifecycleAction): () => void {
    const state = this.#containers.get(id);
    if (!state) return () => {};
    const before = { stopRequested: state.stopRequested, restartAtMs: state.restartAtMs };
    if (userEndsRun.has(action)) state.stopRequested = true;
    if (action === 'start') {
      state.restartAtMs = undefined;
      state.stopRequested = false;
    }
    return () => Object.assign(state, before);
  }

  /** Called on every life-cycle change; an exit nobody asked for applies the restart policy. */
  onStateChange(world: SimWorld, id: string): void {
    const state = this.#containers.get(id);
    if (!state) return;
    const now = world.nowMs;
    const lifecycle = world.stateOf(id);
    if (lifecycle === 'Running') state.runningSinceMs = now;
    if (lifecycle !== 'PoweredOff') return;
    const ranMs = state.runningSinceMs === undefined ? 0 : now - state.runningSinceMs;
    state.runningSinceMs = undefined;
    const exit = state.pendingExit ?? (state.stopRequested ? undefined : exitFromEvents(world, id));
    state.pendingExit = undefined;
    state.stopRequested = false;
    if (!exit) return;
    state.lastExit = exit;
    if (state.settings.restartPolicy === 'no') return;
    const backoff = nextBackoff(dockerBackoff, state.streak, ranMs);
    state.streak = backoff.streak;
    // The core logs a kill at the end of the step it happened in, which may be ahead of the clock here.
    state.restartAtMs = Math.max(now, exit.atMs) + backoff.delayMs;
  }

  /**
   * Each simulated step: restarts whose back-off is over; each whole second, running containers that need more
   * processes than pids.max fail (fork fails) and exit.
   */
  tick(world: SimWorld): void {
    const now = world.nowMs;
    for (const [id, state] of this.#containers) {
      if (state.restartAtMs !== undefined && state.restartAtMs <= now) {
        state.restartAtMs = undefined;
        if (world.stateOf(id) !== 'PoweredOff') continue;
        try {
          world.start(id);
          state.restartCount += 1;
          world.logGuest(id, 'runtime', `Restarted by its restart policy (${state.settings.restartPolicy}), restart ${state.restartCount}`);
        } catch (error) {
          // The core logged why (e.g. no memory left on the host); the policy tries again after the next delay.
          if (!(error instanceof AppError)) throw error;
          const backoff = nextBackoff(dockerBackoff, state.streak, 0);
          state.streak = backoff.streak;
          state.restartAtMs = now + backoff.delayMs;
        }
      }
      if (now % 1000 === 0 && world.stateOf(id) === 'Running') this.#checkPids(world, id, state);
    }
  }

  /** Processes the container runs now: the image's own plus what its workload forks. */
  processes(world: SimWorld, id: string): number {
    const state = this.#containers.get(id);
    if (!state || world.stateOf(id) === 'PoweredOff') return 0;
    return state.image.process.processes + (workloadProcesses[world.guest(id).workload] ?? 0);
  }

  #checkPids(world: SimWorld, id: string, state: ContainerState): void {
    const wanted = this.processes(world, id);
    if (wanted <= state.settings.pidsLimit || state.pendingExit) return;
    const message = `fork failed: Resource temporarily unavailable (pids.max is ${state.settings.pidsLimit}, it needs ${wanted})`;
    state.pendingExit = { reason: 'Error', message, atMs: world.nowMs };
    world.logGuest(id, 'refusal', `${message}; the main process exits`);
    world.stop(id);
  }
}

/** Why a container that nobody stopped went off, from the core's event log (the OOM killer names itself there). */
function exitFromEvents(world: SimWorld, id: string): ReplicaExit {
  const events = world.events();
  for (let i = events.length - 1; i >= 0 && i >= events.length - 200; i -= 1) {
    const event = events[i]!;
    if (event.guestId !== id || event.kind !== 'runtime' || !event.message.startsWith('Powered Off')) continue;
    const message = event.message.replace(/^Powered Off: /, '');
    return { reason: /OOM/.test(message) ? 'OOMKilled' : 'Error', message, atMs: event.atMs };
  }
  return { reason: 'Error', message: 'the main process exited', atMs: world.nowMs };
}
