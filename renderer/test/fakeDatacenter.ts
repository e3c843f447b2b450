// The data center as the fake backend models it: a small cluster, host actions, scripted migration plans and results.
import { AppError } from '../../shared/errors.ts';
import type {
  Cluster,
  ClusterOperation,
  ConsolidationPlan,
  Datacenter,
  HostAction,
  HostStatus,
  Migration,
  MigrationPlan,
} from '../../shared/domain/datacenter.ts';
import type { MethodInput, MethodName } from '../../shared/api/methods.ts';
import type { Machine } from '../../shared/domain/machine.ts';

export function fakeHost(hostId: string, name: string, overrides: Partial<HostStatus> = {}): HostStatus {
  return { hostId, name, power: 'on', linkGbps: 10, storage: 'local', watts: 58, energyKWh: 0.01, cpuPct: 6, memoryPct: 8, guests: 0, runningGuests: 0, ...overrides };
}

export const fakeCluster: Cluster = {
  id: 'cluster-rack',
  name: 'Rack cluster',
  hostIds: ['rack-01', 'rack-02', 'rack-03'],
  settings: {
    storage: 'shared',
    ha: { enabled: false, admissionControl: false, hostFailuresToTolerate: 1 },
    balancing: { enabled: false, thresholdPct: 80, sustainS: 60 },
    consolidation: { headroomPct: 20, percentile: 80 },
  },
};

/** A migration of `machine` in `phase`, with the rounds a converged pre-copy of a web server has. */
export function fakeMigration(machine: Machine, toHostId: string, phase: Migration['phase'], overrides: Partial<Migration> = {}): Migration {
  const done = phase === 'done';
  return {
    id: `mig-${machine.id}`,
    machineId: machine.id,
    machineName: machine.name,
    fromHostId: machine.hostId,
    toHostId,
    toPlatformId: `esx-${toHostId}`,
    method: 'precopy',
    reason: 'user',
    phase,
    startedAtMs: 1000,
    memoryMiB: 2048,
    storageMiB: 0,
    storageCopiedMiB: 0,
    bandwidthMiBs: 1192,
    rounds: done ? [{ index: 1, sentMiB: 2048, dirtiedMiB: 54, durationMs: 1718 }, { index: 2, sentMiB: 54, dirtiedMiB: 1.3, durationMs: 45 }] : [],
    maxRounds: 30,
    totalSentMiB: done ? 2103 : 512,
    progressPct: done ? 100 : 25,
    ...(done ? { endedAtMs: 2784, totalMs: 1784, downtimeMs: 21, stopReason: 'converged' as const, stopCopyMiB: 1.3 } : {}),
    ...(phase === 'precopy' ? { current: { index: 1, toSendMiB: 2048, sentMiB: 512, dirtiedMiB: 12 } } : {}),
    ...overrides,
  };
}

export class FakeDatacenter {
  clusters: Cluster[] = [structuredClone(fakeCluster)];
  hosts: HostStatus[] = [
    fakeHost('rack-01', 'Rack 01', { clusterId: 'cluster-rack', storage: 'shared' }),
    fakeHost('rack-02', 'Rack 02', { clusterId: 'cluster-rack', storage: 'shared' }),
    fakeHost('rack-03', 'Rack 03', { clusterId: 'cluster-rack', storage: 'shared' }),
    fakeHost('host-1', 'Atlas'),
  ];
  migrations: Migration[] = [];
  operations: ClusterOperation[] = [];
  /** What planMigration answers; a test sets it. */
  plan: MigrationPlan | undefined;
  consolidationPlan: ConsolidationPlan | undefined;
  readonly #machines: () => Machine[];

  constructor(machines: () => Machine[]) {
    this.#machines = machines;
  }

  view(simTimeMs: number): Datacenter {
    return { simTimeMs, clusters: this.clusters, hosts: this.hosts, migrations: this.migrations, operations: this.operations, restartPriorities: {} };
  }

  handle(method: MethodName, input: Record<string, unknown>, simTimeMs: number): unknown {
    switch (method) {
      case 'getDatacenter':
        return this.view(simTimeMs);
      case 'planMigration':
        if (!this.plan) throw new AppError('INTERNAL', 'the fake has no migration plan');
        return this.plan;
      case 'startMigration': {
        const { id, platformId } = input as MethodInput<'startMigration'>;
        const machine = this.#machines().find((m) => m.id === id)!;
        const migration = fakeMigration(machine, platformId.replace(/^esx-/, ''), 'precopy');
        this.migrations.push(migration);
        return migration;
      }
      case 'cancelMigration': {
        const migration = this.migrations.find((m) => m.id === (input as MethodInput<'cancelMigration'>).migrationId)!;
        Object.assign(migration, { phase: 'cancelled', endedAtMs: simTimeMs, message: 'cancelled by the user' });
        return migration;
      }
      case 'planConsolidation':
        if (!this.consolidationPlan) throw new AppError('INTERNAL', 'the fake has no consolidation plan');
        return this.consolidationPlan;
      case 'consolidateCluster': {
        const op: ClusterOperation = { id: 'op-1', kind: 'consolidate', clusterId: String(input.clusterId), state: 'running', startedAtMs: simTimeMs, done: 0, total: 2, log: ['Plan: 1 move, 1 host to power off'], problems: [] };
        this.operations.push(op);
        return op;
      }
      case 'balanceCluster':
        return { decisions: ['Every host of Rack cluster is below 80 % CPU: nothing to balance'] };
      case 'hostAction': {
        const { hostId, action } = input as MethodInput<'hostAction'>;
        const host = this.hosts.find((h) => h.hostId === hostId)!;
        const next: Record<HostAction, HostStatus['power']> = { maintenance: 'maintenance', exitMaintenance: 'on', fail: 'failed', powerOn: 'on', powerOff: 'off' };
        host.power = next[action];
        if (host.power === 'failed' || host.power === 'off') host.watts = 0;
        return { host };
      }
      case 'updateCluster': {
        const { clusterId, patch } = input as MethodInput<'updateCluster'>;
        const cluster = this.clusters.find((c) => c.id === clusterId)!;
        cluster.settings = {
          storage: patch.storage ?? cluster.settings.storage,
          ha: { ...cluster.settings.ha, ...patch.ha },
          balancing: { ...cluster.settings.balancing, ...patch.balancing },
          consolidation: { ...cluster.settings.consolidation, ...patch.consolidation },
        };
        return cluster;
      }
      case 'setHostLink': {
        const { hostId, gbps } = input as MethodInput<'setHostLink'>;
        const host = this.hosts.find((h) => h.hostId === hostId)!;
        host.linkGbps = gbps;
        return host;
      }
      case 'setRestartPriority':
        return { id: input.id, priority: input.priority };
      case 'getRunReport':
        return { clusterId: input.clusterId, fromMs: 0, toMs: simTimeMs, guests: [], migrations: this.migrations, energy: { totalKWh: 0.04, hosts: [] } };
      default:
        return undefined;
    }
  }
}
