// The data center of a scenario run: clusters and hosts from the file, its timed commands, and what the summary reports.
import { AppError } from '../../shared/errors.ts';
import type { ClusterOperation } from '../../shared/domain/datacenter.ts';
import type { Scenario, ScenarioCommand } from '../sim/scenarioSchema.ts';
import type { SimWorld } from '../sim/world.ts';
import { Datacenter } from './datacenter.ts';
import type { HostSpec } from './clusterConfig.ts';
import { simOnlyPort } from './datacenterPorts.ts';
import { defaultPowerProfile } from './powerModel.ts';

export type DatacenterCommand = Extract<ScenarioCommand, { do: 'migrate' | 'consolidate' | 'balance' | 'failHost' | 'maintenance' | 'powerOnHost' | 'powerOffHost' }>;

const datacenterVerbs = new Set<string>(['migrate', 'consolidate', 'balance', 'failHost', 'maintenance', 'powerOnHost', 'powerOffHost']);

export function isDatacenterCommand(cmd: ScenarioCommand): cmd is DatacenterCommand {
  return datacenterVerbs.has(cmd.do);
}

export interface DatacenterSummary {
  readonly migrations: readonly {
    readonly guest: string;
    readonly from: string;
    readonly to: string;
    readonly method: string;
    readonly reason: string;
    readonly phase: string;
    readonly startS: number;
    readonly totalMs: number | null;
    readonly downtimeMs: number | null;
    readonly rounds: number;
    readonly stopReason: string | null;
    readonly message: string | null;
  }[];
  readonly energy: readonly { readonly host: string; readonly kWh: number; readonly avgWatts: number }[];
  readonly totalKWh: number;
  readonly availability: readonly { readonly cluster: string; readonly guest: string; readonly availabilityPct: number; readonly downtimeMs: number; readonly restarts: number; readonly restartTookMs: readonly number[] }[];
  readonly operations: readonly Pick<ClusterOperation, 'kind' | 'state' | 'log' | 'problems'>[];
}

/** Builds the scenario's data center around `world` (hosts and guests by name, clusters by name). */
export function scenarioDatacenter(world: SimWorld, scenario: Scenario): Datacenter {
  const hosts: HostSpec[] = scenario.hosts.map((h) => {
    const fallback = defaultPowerProfile(world.host(h.name)!.cores);
    const power = h.idleWatts === undefined && h.maxWatts === undefined ? undefined : { idleWatts: h.idleWatts ?? fallback.idleWatts, maxWatts: h.maxWatts ?? fallback.maxWatts };
    return { hostId: h.name, ...(h.linkGbps === undefined ? {} : { linkGbps: h.linkGbps }), ...(power ? { power } : {}) };
  });
  const clusters = scenario.clusters.map((c) => ({
    id: c.name,
    name: c.name,
    hostIds: c.hosts,
    settings: { ...(c.storage ? { storage: c.storage } : {}), ...(c.ha ? { ha: c.ha } : {}), ...(c.balancing ? { balancing: c.balancing } : {}), ...(c.consolidation ? { consolidation: c.consolidation } : {}) },
  }));
  return new Datacenter(world, { clusters, hosts }, simOnlyPort((id) => world.guest(id).diskGiB, (id) => world.start(id)));
}

/** Runs one timed data-center command; refusals are AppErrors, reported by the caller. */
export function applyDatacenterCommand(dc: Datacenter, world: SimWorld, cmd: DatacenterCommand): void {
  switch (cmd.do) {
    case 'migrate': {
      if (!world.has(cmd.guest)) throw new AppError('NOT_FOUND', `"${cmd.guest}" does not exist (its creation was refused)`, 'guest');
      const kind = world.platform(world.guest(cmd.guest).platformId).kind;
      const platformId = world.hasPlatform(cmd.to) ? cmd.to : world.platformIds().find((id) => world.platform(id).hostId === cmd.to && world.platform(id).kind === kind);
      if (platformId === undefined) throw new AppError('VALIDATION', `host "${cmd.to}" has no platform of the guest's kind (${kind})`, 'to');
      dc.startMigration(cmd.guest, platformId, { reason: 'user', ...(cmd.maxRounds === undefined ? {} : { maxRounds: cmd.maxRounds }), ...(cmd.maxDowntimeMs === undefined ? {} : { maxDowntimeMs: cmd.maxDowntimeMs }) });
      return;
    }
    case 'consolidate':
      dc.consolidate(cmd.cluster, { ...(cmd.headroomPct === undefined ? {} : { headroomPct: cmd.headroomPct }), ...(cmd.percentile === undefined ? {} : { percentile: cmd.percentile }) });
      return;
    case 'balance':
      dc.balanceNow(cmd.cluster);
      return;
    case 'failHost':
      dc.hostAction(cmd.host, 'fail');
      return;
    case 'maintenance':
      dc.hostAction(cmd.host, cmd.exit === true ? 'exitMaintenance' : 'maintenance');
      return;
    case 'powerOnHost':
      dc.hostAction(cmd.host, 'powerOn');
      return;
    case 'powerOffHost':
      dc.hostAction(cmd.host, 'powerOff');
  }
}

export function summarizeDatacenter(dc: Datacenter, world: SimWorld, clusterIds: readonly string[]): DatacenterSummary {
  const hostName = (id: string) => world.host(id)?.name ?? id;
  const migrations = dc.migrations().map((m) => ({
    guest: m.machineName,
    from: hostName(m.fromHostId),
    to: hostName(m.toHostId),
    method: m.method,
    reason: m.reason,
    phase: m.phase,
    startS: m.startedAtMs / 1000,
    totalMs: m.totalMs ?? null,
    downtimeMs: m.downtimeMs ?? null,
    rounds: m.rounds.length,
    stopReason: m.stopReason ?? null,
    message: m.message ?? null,
  }));
  const view = dc.view();
  const seconds = Math.max(1e-9, world.nowMs / 1000);
  const energy = view.hosts.map((h) => ({ host: h.name, kWh: round(h.energyKWh, 4), avgWatts: round((h.energyKWh * 3.6e6) / seconds, 1) }));
  const availability = clusterIds.flatMap((clusterId) =>
    dc.runReport(clusterId, 0, Math.max(1, world.nowMs)).guests.map((g) => ({
      cluster: clusterId,
      guest: g.name,
      availabilityPct: g.availabilityPct,
      downtimeMs: g.downtimeMs,
      restarts: g.restarts.length,
      restartTookMs: g.restarts.flatMap((r) => (r.tookMs === undefined ? [] : [r.tookMs])),
    })),
  );
  const operations = dc.operations().map((op) => ({ kind: op.kind, state: op.state, log: op.log, problems: op.problems }));
  return { migrations, energy, totalKWh: round(energy.reduce((s, e) => s + e.kWh, 0), 4), availability, operations };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
