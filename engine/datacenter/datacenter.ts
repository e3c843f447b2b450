// The data center around a simulated world: clusters and their policies, migrations, operations, energy and history.
import { AppError } from '../../shared/errors.ts';
import type {
  Cluster,
  ClusterOperation,
  ClusterSettingsPatch,
  ConsolidationPlan,
  Datacenter as DatacenterView,
  DatacenterChanges,
  DatacenterSettings,
  HostAction,
  Migration,
  MigrationPlan,
  RestartPriority,
  RunReport,
} from '../../shared/domain/datacenter.ts';
import type { SimWorld } from '../sim/world.ts';
import { Availability } from './availability.ts';
import { Balancer } from './balancer.ts';
import { ChangeTracker } from './changeTracker.ts';
import { buildClusters, clusterView, mergeSettings } from './clusterConfig.ts';
import type { ClusterRec, DatacenterConfig } from './clusterConfig.ts';
import { planConsolidation } from './consolidation.ts';
import type { ConsolidationOverrides } from './consolidation.ts';
import { createContext } from './datacenterContext.ts';
import type { DcContext, MigrationRequest } from './datacenterContext.ts';
import type { DatacenterPort } from './datacenterPorts.ts';
import { DemandTracker } from './demandTracker.ts';
import { EnergyMeter } from './energyMeter.ts';
import { admissionRefusal, haDetectionMs, restartSteps } from './highAvailability.ts';
import { hostStatus } from './hostStatus.ts';
import { planMigration } from './migrationPlanning.ts';
import { OperationRunner } from './operationRunner.ts';
import { defaultPowerProfile } from './powerModel.ts';
import type { PowerProfile } from './powerModel.ts';
import { runReport } from './runReport.ts';
import { applySavedSettings, settingsOf } from './datacenterSettings.ts';
import { sampleSecond } from './meters.ts';

/** Finished migrations kept for views and reports. */
const historyLimit = 500;

export class Datacenter {
  readonly #world: SimWorld;
  readonly #clusters: ClusterRec[];
  readonly #clusterOfHost = new Map<string, ClusterRec>();
  readonly #power = new Map<string, PowerProfile>();
  readonly #priorities = new Map<string, RestartPriority>();
  readonly #energy: EnergyMeter;
  readonly #demand = new DemandTracker();
  readonly #availability = new Availability();
  readonly #balancer = new Balancer();
  readonly #history: Migration[] = [];
  readonly #changes = new ChangeTracker();
  readonly #moved = new Set<string>();
  readonly #ops: OperationRunner;
  readonly #haPending: { hostId: string; dueMs: number; aborted: string[] }[] = [];
  readonly #ctx: DcContext;
  #seenVersion = -1;

  constructor(world: SimWorld, config: DatacenterConfig, port: DatacenterPort) {
    this.#world = world;
    this.#clusters = buildClusters(config, world.hostIds());
    for (const cluster of this.#clusters) for (const hostId of cluster.hostIds) this.#clusterOfHost.set(hostId, cluster);
    for (const hostId of world.hostIds()) this.#power.set(hostId, defaultPowerProfile(world.host(hostId)!.cores));
    for (const spec of config.hosts ?? []) {
      if (spec.linkGbps !== undefined) world.cluster.setLinkGbps(spec.hostId, spec.linkGbps);
      if (spec.power) this.#power.set(spec.hostId, spec.power);
    }
    for (const [id, priority] of Object.entries(config.restartPriorities ?? {})) if (world.has(id)) this.#priorities.set(id, priority);
    this.#energy = new EnergyMeter(world.nowMs);
    this.#ctx = createContext({
      world,
      clusters: this.#clusters,
      clusterOfHost: this.#clusterOfHost,
      power: this.#power,
      priorities: this.#priorities,
      demand: this.#demand,
      energy: this.#energy,
      port,
      changes: this.#changes,
      moved: this.#moved,
      admissionRefusal,
    });
    this.#ops = new OperationRunner(this.#ctx, () => this.#changes);
    world.onStateChange((id) => {
      if (!world.has(id)) return;
      const guest = world.guest(id);
      this.#availability.onState(id, guest.state, world.nowMs, guest.hostId);
    });
    world.onTick((nowMs) => this.#tick(nowMs));
  }

  // ── Queries ──

  view(): DatacenterView {
    return {
      simTimeMs: this.#world.nowMs,
      clusters: this.#clusters.map(clusterView),
      hosts: this.#world.hostIds().map((id) => hostStatus(this.#ctx, id)),
      migrations: [...this.#history.slice(-20), ...this.#world.cluster.migrations()],
      operations: this.#ops.list(),
      restartPriorities: Object.fromEntries(this.#priorities),
    };
  }

  /** What changed since the last call, or undefined when nothing did. */
  takeChanges(): DatacenterChanges | undefined {
    const c = this.#changes;
    const operations = this.#ops.takeChanged();
    if (c.empty && operations.length === 0) return undefined;
    const running = new Map(this.#world.cluster.migrations().map((m) => [m.id, m]));
    const ended = new Map(this.#history.slice(-50).map((m) => [m.id, m]));
    const out: DatacenterChanges = {
      simTimeMs: this.#world.nowMs,
      clusters: this.#clusters.filter((cl) => c.clusters.has(cl.id)).map(clusterView),
      hosts: [...c.hosts].map((id) => hostStatus(this.#ctx, id)),
      migrations: [...c.migrations].flatMap((id) => running.get(id) ?? ended.get(id) ?? []),
      operations,
    };
    if (c.priorities) out.restartPriorities = Object.fromEntries(this.#priorities);
    c.clear();
    return out;
  }

  /** The settings to save (clusters, links, restart priorities) when they changed since the last call. */
  takeSettings(): DatacenterSettings | undefined {
    if (!this.#changes.settings) return undefined;
    this.#changes.settings = false;
    return this.settings();
  }

  settings(): DatacenterSettings {
    return settingsOf(this.#world, this.#clusters, this.#priorities);
  }

  /** Settings saved by an earlier run; entries about clusters, hosts or machines that no longer exist are left out. */
  applySettings(saved: DatacenterSettings): void {
    applySavedSettings(this.#world, this.#clusters, this.#priorities, saved);
  }

  /** Machines whose host changed since the last call (their records must be saved). */
  takeMoved(): string[] {
    const moved = [...this.#moved].filter((id) => this.#world.has(id));
    this.#moved.clear();
    return moved;
  }

  planMigration(machineId: string): MigrationPlan {
    return planMigration(this.#ctx, machineId);
  }

  planConsolidation(clusterId: string, overrides: ConsolidationOverrides = {}): ConsolidationPlan {
    return planConsolidation(this.#ctx, clusterId, overrides).plan;
  }

  runReport(clusterId: string, fromMs = 0, toMs = this.#world.nowMs): RunReport {
    if (toMs <= fromMs) throw new AppError('VALIDATION', 'The end of the range must come after its start', 'toMs');
    return runReport(this.#ctx, this.#availability, [...this.#history, ...this.#world.cluster.migrations()], clusterId, fromMs, toMs);
  }

  /** Every migration that ended so far (newest last) and those running. */
  migrations(): Migration[] {
    return [...this.#history, ...this.#world.cluster.migrations()];
  }

  operations(): ClusterOperation[] {
    return this.#ops.list();
  }

  /** Refuses powering on a guest when its cluster's HA admission control must keep the room for failover. */
  checkPowerOn(machineId: string): void {
    const cluster = this.#clusterOfHost.get(this.#world.guest(machineId).hostId);
    const refusal = cluster && admissionRefusal(this.#ctx, cluster, machineId);
    if (refusal) throw new AppError('INSUFFICIENT_RESOURCES', refusal, 'state');
  }

  // ── Commands ──

  startMigration(machineId: string, platformId: string, request: MigrationRequest = { reason: 'user' }): Migration {
    return this.#ctx.startMigration(machineId, platformId, request);
  }

  cancelMigration(migrationId: string): Migration {
    const migration = this.#world.cluster.cancelMigration(migrationId);
    this.#collectEnded();
    return migration;
  }

  consolidate(clusterId: string, overrides: ConsolidationOverrides = {}): ClusterOperation {
    if (this.#ops.running('consolidate', { clusterId })) throw new AppError('INVALID_STATE', `${this.#ctx.cluster(clusterId).name} is being consolidated already`, 'clusterId');
    const { plan, steps } = planConsolidation(this.#ctx, clusterId, overrides);
    const saving = Math.round(plan.before.watts - plan.after.watts);
    const op = this.#ops.start('consolidate', { clusterId }, steps, (intro) => {
      intro.log(`Plan: ${plan.moves.length} move${plan.moves.length === 1 ? '' : 's'}, ${plan.emptiedHostIds.length} host${plan.emptiedHostIds.length === 1 ? '' : 's'} to power off, ${plan.before.watts} W → ${plan.after.watts} W (saves ${saving} W)`);
      for (const pin of plan.pinned) intro.problem(pin.name, `stays on its host: ${pin.why}`, pin.machineId);
    });
    return op.snapshot();
  }

  balanceNow(clusterId: string): string[] {
    return this.#balancer.balanceNow(this.#ctx, this.#ctx.cluster(clusterId), this.#world.nowMs);
  }

  /** Maintenance (and leaving it), failure, power on and off; returns the evacuation's operation for maintenance. */
  hostAction(hostId: string, action: HostAction): ClusterOperation | undefined {
    const world = this.#world;
    this.#changes.hosts.add(hostId);
    if (action === 'maintenance') {
      world.cluster.setHostPower(hostId, 'maintenance');
      return this.#ops.evacuate(hostId, this.#clusterOfHost.get(hostId)).snapshot();
    }
    if (action === 'exitMaintenance') {
      world.cluster.setHostPower(hostId, 'on');
      this.#ops.stopEvacuation(hostId);
      return undefined;
    }
    if (action === 'powerOn') world.cluster.setHostPower(hostId, 'on');
    else if (action === 'powerOff') world.cluster.setHostPower(hostId, 'off');
    else this.#fail(hostId);
    this.#collectEnded();
    return undefined;
  }

  updateCluster(clusterId: string, patch: ClusterSettingsPatch): Cluster {
    const cluster = this.#ctx.cluster(clusterId);
    cluster.settings = mergeSettings(cluster.settings, patch);
    this.#changes.clusters.add(clusterId);
    this.#changes.settings = true;
    for (const hostId of cluster.hostIds) this.#changes.hosts.add(hostId);
    const { ha, balancing, storage } = cluster.settings;
    const first = cluster.hostIds[0];
    if (first !== undefined) {
      this.#world.logHost(first, 'datacenter', `${cluster.name}: storage ${storage}, HA ${ha.enabled ? `on${ha.admissionControl ? ` (admission control for ${ha.hostFailuresToTolerate} host failure${ha.hostFailuresToTolerate === 1 ? '' : 's'})` : ''}` : 'off'}, balancing ${balancing.enabled ? `on above ${balancing.thresholdPct} % for ${balancing.sustainS} s` : 'off'}`);
    }
    return clusterView(cluster);
  }

  setLink(hostId: string, gbps: number): void {
    this.#world.cluster.setLinkGbps(hostId, gbps);
    this.#changes.hosts.add(hostId);
    this.#changes.settings = true;
  }

  setRestartPriority(machineId: string, priority: RestartPriority): void {
    this.#world.guest(machineId);
    if (priority === 'medium') this.#priorities.delete(machineId);
    else this.#priorities.set(machineId, priority);
    this.#changes.priorities = true;
    this.#changes.settings = true;
  }

  /** A machine was deleted: its samples and priority go; its history stays for reports. */
  forget(machineId: string): void {
    this.#demand.forget(machineId);
    if (this.#priorities.delete(machineId)) {
      this.#changes.priorities = true;
      this.#changes.settings = true;
    }
  }

  // ── Time ──

  #tick(nowMs: number): void {
    const cluster = this.#world.cluster;
    this.#collectEnded();
    const whole = nowMs % 1000 === 0;
    // Running migrations are reported when they changed phase or round, and once a second for their progress.
    if (cluster.running > 0 && (whole || cluster.version !== this.#seenVersion)) {
      this.#seenVersion = cluster.version;
      for (const m of cluster.migrations()) this.#changes.migration(m.id, `${m.phase}:${m.rounds.length}`, whole);
    }
    if (!whole) return;
    this.#second(nowMs);
    this.#ops.advance();
  }

  #second(nowMs: number): void {
    const world = this.#world;
    // Load and watts change every second: views poll them (getDatacenter); the change stream carries state changes.
    sampleSecond(this.#ctx, nowMs);
    for (const cluster of this.#clusters) if (cluster.settings.balancing.enabled) this.#balancer.tick(this.#ctx, cluster, nowMs);
    for (const pending of [...this.#haPending]) {
      if (pending.dueMs > nowMs) continue;
      this.#haPending.splice(this.#haPending.indexOf(pending), 1);
      const cluster = this.#clusterOfHost.get(pending.hostId)!;
      const aborted = pending.aborted.filter((id) => world.has(id) && world.stateOf(id) === 'Aborted');
      const intro = `HA: "${world.host(pending.hostId)!.name}" declared failed; restarting ${aborted.length} guest${aborted.length === 1 ? '' : 's'} by priority`;
      this.#ops.start('haRestart', { clusterId: cluster.id, hostId: pending.hostId }, restartSteps(this.#ctx, aborted), (op) => op.log(intro));
    }
  }

  #fail(hostId: string): void {
    const world = this.#world;
    const aborted = world.cluster.failHost(hostId);
    const cluster = this.#clusterOfHost.get(hostId);
    if (cluster?.settings.ha.enabled) {
      this.#haPending.push({ hostId, dueMs: world.nowMs + haDetectionMs, aborted });
      world.logHost(hostId, 'datacenter', `HA: ${aborted.length} guest${aborted.length === 1 ? '' : 's'} will be restarted on other hosts of ${cluster.name} once the failure is confirmed (${haDetectionMs / 1000} s)`);
    } else if (aborted.length > 0) {
      world.logHost(hostId, 'datacenter', `HA is off${cluster ? ` for ${cluster.name}` : ' (standalone host)'}: ${aborted.length === 1 ? '1 guest stays' : `${aborted.length} guests stay`} aborted until started again`);
    }
  }

  /** Migrations that ended: disks follow, history and availability learn of them, operations go on. */
  #collectEnded(): void {
    for (const m of this.#world.cluster.takeEnded()) {
      this.#history.push(m);
      if (this.#history.length > historyLimit) this.#history.splice(0, this.#history.length - historyLimit);
      this.#changes.ended(m.id);
      this.#changes.hosts.add(m.fromHostId);
      this.#changes.hosts.add(m.toHostId);
      if (m.phase === 'done') {
        this.#moved.add(m.machineId);
        try {
          this.#ctx.port.planMove(m.machineId, m.toHostId)();
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          this.#world.logGuest(m.machineId, 'refusal', `Its disks could not follow it to the new host's pool: ${error.message}`);
        }
        if (m.downtimeMs !== undefined && m.method !== 'cold') this.#availability.onMigrationDowntime(m.machineId, m.endedAtMs! - m.downtimeMs, m.endedAtMs!);
      }
      this.#ops.migrationEnded(m);
    }
  }

}
