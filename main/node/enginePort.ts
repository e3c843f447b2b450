// What the backend needs from an engine host: typed requests, status, and the change and telemetry streams.
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';
import type { MachineRecord } from '../../shared/domain/machineRecord.ts';
import type { TelemetryBatch } from '../../shared/domain/telemetry.ts';
import type { EngineChanges, EngineCommandName, EngineInput, EngineOutput } from '../../shared/engine/protocol.ts';

export interface EngineHostEvents {
  /** A batch of what the engine changed (a command's or simulated time's), already applied to the mirror. */
  changes: EngineChanges;
  telemetry: TelemetryBatch;
  status: EngineStatus;
}

export interface EnginePort {
  /**
   * Sends a command; resolves once what it changed is applied (and, with a library, saved); rejects with an AppError
   * (engine rule, TIMEOUT or ENGINE_UNAVAILABLE).
   */
  request<C extends EngineCommandName>(command: C, input: EngineInput<C>, timeoutMs?: number): Promise<EngineOutput<C>>;
  status(): EngineStatus;
  on<K extends keyof EngineHostEvents>(event: K, listener: (payload: EngineHostEvents[K]) => void): () => void;
  /** The full records of every machine (what a restart re-seeds from and what exports read). */
  records(): MachineRecord[];
  /** Test hook: makes the worker throw an uncaught error so supervision kicks in. */
  crash(reason: string): void;
}
