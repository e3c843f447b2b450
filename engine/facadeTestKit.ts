// Helpers shared by the engine facade tests: ids, specs, refusals and notification filters.
import { AppError } from '../shared/errors.ts';
import type { NewMachineSpec } from '../shared/domain/machine.ts';
import { telemetryMetricIndex, telemetryMetrics } from '../shared/domain/telemetry.ts';
import type { TelemetryBatch, TelemetryMetric } from '../shared/domain/telemetry.ts';
import type { EngineNotification, MachineRecord } from '../shared/engine/protocol.ts';
import type { Engine } from './engine.ts';

export const id = (n: number): string => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const spec = (overrides: Partial<NewMachineSpec> = {}): NewMachineSpec => ({
  name: 'web-01',
  osType: 'ubuntu64',
  vcpus: 2,
  memoryMiB: 2048,
  diskGiB: 25,
  ...overrides,
});

export function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the engine to refuse');
}

export const telemetryOf = (notes: EngineNotification[]): TelemetryBatch[] => notes.flatMap((n) => (n.kind === 'telemetry' ? [n.batch] : []));

/** One metric of one machine in a batch; undefined when the machine has no row (powered off). */
export function sampleOf(batch: TelemetryBatch, machineId: string, metric: TelemetryMetric): number | undefined {
  const row = batch.machineIds.indexOf(machineId);
  return row < 0 ? undefined : batch.values[row * telemetryMetrics.length + telemetryMetricIndex[metric]];
}

/** The states machines were reported in by `changes` notifications, in order. */
export const statesOf = (notes: EngineNotification[], machineId?: string) =>
  notes.flatMap((n) => (n.kind === 'changes' ? n.changes.machines.filter((m) => machineId === undefined || m.id === machineId).map((m) => [m.state, m.stateSinceMs] as const) : []));

/** Everything observable about machines and hosts, to prove a refused command changed nothing. */
export const snapshot = (engine: Engine) => ({
  machines: engine.handle('listMachines', {}),
  hosts: engine.handle('listHosts', {}),
  clock: engine.handle('getClock', {}),
});

/** Pool usage of a host in MiB, as listStorage reports it. */
export const usedMiB = (engine: Engine, hostId = 'host-1'): number => engine.handle('listStorage', {}).find((p) => p.hostId === hostId)!.usedMiB;

/** Everything a refused machine operation must leave unchanged, storage, networks and snapshots included. */
export const fullSnapshot = (engine: Engine) => ({
  ...snapshot(engine),
  storage: engine.handle('listStorage', {}),
  networks: engine.handle('listNetworks', {}),
  snapshots: engine.handle('listMachines', {}).map((m) => engine.handle('listSnapshots', { id: m.id })),
  configs: engine.handle('listMachines', {}).map((m) => engine.handle('getMachineConfig', { id: m.id })),
});

/** Starts a machine and runs until it is Running (VMs boot in seconds). */
export function startAndWait(engine: Engine, machineId: string): void {
  engine.handle('lifecycle', { id: machineId, action: 'start' });
  for (let i = 0; i < 60 && engine.handle('getMachine', { id: machineId }).state !== 'Running'; i++) engine.advance(1000);
}

const mirrors = new WeakMap<Engine, Map<string, MachineRecord>>();

/**
 * The full records a backend mirror would hold for `engine`, built only from the changes the engine reported (as the
 * backend does): what a restarted engine is re-seeded with. Takes the engine's pending changes.
 */
export function recordsOf(engine: Engine): MachineRecord[] {
  let mirror = mirrors.get(engine);
  if (!mirror) mirrors.set(engine, (mirror = new Map()));
  const changes = engine.takeChanges();
  for (const record of changes?.records ?? []) mirror.set(record.id, record);
  for (const id of changes?.removed ?? []) mirror.delete(id);
  return [...mirror.values()];
}
