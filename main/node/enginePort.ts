// What the backend needs from an engine host: typed requests, status, and notification subscriptions.
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { TelemetryBatch } from '../../shared/domain/telemetry.ts';
import type { EngineCommandName, EngineInput, EngineOutput } from '../../shared/engine/protocol.ts';

export interface EngineHostEvents {
  machineUpserted: Machine;
  machineRemoved: { id: string };
  telemetry: TelemetryBatch;
  status: EngineStatus;
}

export interface EnginePort {
  /** Sends a command; rejects with an AppError (engine rule, TIMEOUT or ENGINE_UNAVAILABLE). */
  request<C extends EngineCommandName>(command: C, input: EngineInput<C>, timeoutMs?: number): Promise<EngineOutput<C>>;
  status(): EngineStatus;
  on<K extends keyof EngineHostEvents>(event: K, listener: (payload: EngineHostEvents[K]) => void): () => void;
  /** Test hook: makes the worker throw an uncaught error so supervision kicks in. */
  crash(reason: string): void;
}
