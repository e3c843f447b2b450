// Applications in scenario files: deploy (inline, or a file npm run sim reads), scale, rollout, rollback,
// failContainer, failContainerHost and recoverContainerHost commands, and a per-service summary of availability and restarts.
// (A container host failing is not the data center's failHost, which cuts a whole host's power and aborts its guests.)
import { z } from 'zod';
import { applicationFromObject } from '../../shared/domain/applicationFile.ts';
import type { ApplicationSpec } from '../../shared/domain/applicationSpec.ts';
import { AppError } from '../../shared/errors.ts';
import { ContainerRuntime } from '../containers/containerRuntime.ts';
import type { SimWorld } from '../sim/world.ts';
import { worldCluster } from './cluster.ts';
import { Orchestrator } from './orchestrator.ts';

const name = z.string().trim().min(1, 'must not be empty').max(100);
const at = z.number().nonnegative('must not be negative');
const application = z.unknown().transform((raw, ctx): ApplicationSpec => {
  try {
    return applicationFromObject(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

/** The application commands a scenario's `commands` list may hold (applications are named by their name). */
export const appScenarioCommands = [
  z.strictObject({ at, do: z.literal('deploy'), application }),
  z.strictObject({ at, do: z.literal('scale'), app: name, service: name, replicas: z.number().int('must be a whole number').min(0).max(500) }),
  z.strictObject({ at, do: z.literal('rollout'), app: name, service: name, image: name }),
  z.strictObject({ at, do: z.literal('rollback'), app: name, service: name }),
  z.strictObject({ at, do: z.literal('failContainer'), app: name, service: name }),
  z.strictObject({ at, do: z.literal('failContainerHost'), host: name }),
  z.strictObject({ at, do: z.literal('recoverContainerHost'), host: name }),
] as const;

export const appCommandNames: readonly string[] = ['deploy', 'scale', 'rollout', 'rollback', 'failContainer', 'failContainerHost', 'recoverContainerHost'];

export type AppScenarioCommand = z.output<(typeof appScenarioCommands)[number]>;

export function isAppCommand(cmd: { readonly do: string }): cmd is AppScenarioCommand {
  return appCommandNames.includes(cmd.do);
}

export interface ServiceSummary {
  readonly app: string;
  readonly service: string;
  readonly image: string;
  readonly desired: number;
  readonly ready: number;
  /** Share of the time with at least one ready replica (0..1). */
  readonly availability: number;
  readonly requests: number;
  readonly errors: number;
  readonly restarts: number;
  readonly rollout: string | undefined;
}

/** The orchestrator of a scenario's world; scenario names are ids. */
export class ScenarioApps {
  readonly #apps: Orchestrator;
  readonly #world: SimWorld;

  constructor(world: SimWorld) {
    this.#world = world;
    this.#apps = new Orchestrator(worldCluster(() => world), new ContainerRuntime().layers, { keptEvents: 100_000 });
  }

  apply(cmd: AppScenarioCommand): void {
    switch (cmd.do) {
      case 'deploy':
        this.#apps.deploy(cmd.application.name, cmd.application);
        return;
      case 'scale':
        this.#apps.scale(this.#app(cmd.app), cmd.service, cmd.replicas);
        return;
      case 'rollout':
        this.#apps.rollout(this.#app(cmd.app), cmd.service, cmd.image);
        return;
      case 'rollback':
        this.#apps.rollback(this.#app(cmd.app), cmd.service);
        return;
      case 'failContainer':
        this.#apps.failContainer(this.#app(cmd.app), cmd.service);
        return;
      case 'failContainerHost':
        this.#apps.failHost(this.#hostId(cmd.host));
        return;
      case 'recoverContainerHost':
        this.#apps.recoverHost(this.#hostId(cmd.host));
    }
  }

  /** Moves the world forward step by step so the orchestrator sees every step. */
  advance(ms: number): void {
    for (let left = ms; left > 1e-6; left -= 100) {
      this.#world.advance(Math.min(100, left));
      this.#apps.tick();
    }
  }

  summary(): ServiceSummary[] {
    return this.#apps.list().flatMap((app) =>
      app.services.map((s) => ({
        app: app.name,
        service: s.name,
        image: s.image,
        desired: s.desired,
        ready: s.ready,
        availability: s.availability,
        requests: s.traffic.requestsTotal,
        errors: s.traffic.errorsTotal,
        restarts: s.restarts,
        rollout: s.rollout === undefined ? undefined : `${s.rollout.state} ${s.rollout.fromImage} → ${s.rollout.toImage}`,
      })),
    );
  }

  /** Events of every application, for the scenario's event log. */
  events(): { atMs: number; app: string; message: string }[] {
    return this.#apps
      .list()
      .flatMap((app) => this.#apps.events(app.id).map((e) => ({ atMs: e.atMs, app: app.name, message: `${e.reason}: ${e.message}` })))
      .sort((a, b) => a.atMs - b.atMs);
  }

  #app(nameOrId: string): string {
    const app = this.#apps.list().find((a) => a.name === nameOrId || a.id === nameOrId);
    if (!app) throw new AppError('NOT_FOUND', `no application named "${nameOrId}" (deploy it first)`, 'app');
    return app.id;
  }

  /** Hosts in scenario files are named; their names are their ids. */
  #hostId(host: string): string {
    return this.#world.host(host)?.id ?? host;
  }
}
