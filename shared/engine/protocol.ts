// Messages between the backend (main/node) and the engine worker: commands, replies, notifications.
import type { AppErrorData } from '../errors.ts';
import type { Host } from '../domain/host.ts';
import type { Machine, NewMachineSpec } from '../domain/machine.ts';
import type { LifecycleAction } from '../domain/machineState.ts';
import type { TelemetryBatch } from '../domain/telemetry.ts';

/** Configuration the backend keeps so it can re-create machines after an engine crash. */
export type MachineRecord = Omit<Machine, 'state' | 'stateSinceMs'>;

/** Each command: its payload and its result. The engine validates rules; schemas were checked upstream. */
export interface EngineCommands {
  init: { input: { seed: number; speed: number; machines: MachineRecord[] }; output: { simTimeMs: number } };
  listHosts: { input: Record<string, never>; output: Host[] };
  listMachines: { input: Record<string, never>; output: Machine[] };
  getMachine: { input: { id: string }; output: Machine };
  createMachine: { input: { id: string; spec: NewMachineSpec }; output: Machine };
  lifecycle: { input: { id: string; action: LifecycleAction }; output: Machine };
  deleteMachine: { input: { id: string }; output: { id: string } };
  getClock: { input: Record<string, never>; output: { simTimeMs: number; speed: number } };
  /** Test and diagnostics only: makes the worker throw outside any handler, as a real crash would. */
  crash: { input: { reason: string }; output: never };
}
export type EngineCommandName = keyof EngineCommands;
export type EngineInput<C extends EngineCommandName> = EngineCommands[C]['input'];
export type EngineOutput<C extends EngineCommandName> = EngineCommands[C]['output'];

export type EngineRequest<C extends EngineCommandName = EngineCommandName> = {
  kind: 'request';
  id: number;
  command: C;
  input: EngineInput<C>;
};

export type EngineReply =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: AppErrorData };

/** Unsolicited messages from the worker. */
export type EngineNotification =
  | { kind: 'ready' }
  | { kind: 'machineUpserted'; machine: Machine }
  | { kind: 'machineRemoved'; id: string }
  | { kind: 'telemetry'; batch: TelemetryBatch };

export type WorkerToMain = EngineReply | EngineNotification;
export type MainToWorker = EngineRequest;
