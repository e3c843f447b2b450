// Test double for EnginePort backed by the real Engine in this thread: real rules and numbers, time moved by the test.
import { Engine } from '../../../engine/engine.ts';
import type { EngineCoreCommand } from '../../../engine/commandSchemas.ts';
import type { EngineStatus } from '../../../shared/domain/engineStatus.ts';
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';
import type { EngineChanges, EngineCommandName, EngineInput, EngineOutput, EngineNotification } from '../../../shared/engine/protocol.ts';
import type { EngineHostEvents, EnginePort } from '../enginePort.ts';
import { TypedEmitter } from '../typedEmitter.ts';

export class InlineEngine implements EnginePort {
  readonly engine: Engine;
  readonly #events = new TypedEmitter<EngineHostEvents>();
  readonly #records = new Map<string, MachineRecord>();
  /** Simulated time each request moves the clock on before it is answered (0: time stands still between advances). */
  tickPerRequestMs = 0;

  constructor(seed = 1) {
    this.engine = new Engine({ seed });
  }

  async request<C extends EngineCommandName>(command: C, input: EngineInput<C>): Promise<EngineOutput<C>> {
    if (this.tickPerRequestMs > 0) this.advance(this.tickPerRequestMs);
    const value = this.engine.handle(command as EngineCoreCommand & C, input as EngineInput<EngineCoreCommand & C>) as EngineOutput<C>;
    const changes = this.engine.takeChanges();
    if (changes) this.#apply(changes);
    return value;
  }

  /** Moves simulated time on and delivers what it produced, as the worker's notifications would. */
  advance(ms: number): void {
    for (const note of this.engine.advance(ms) as EngineNotification[]) {
      if (note.kind === 'changes') this.#apply(note.changes);
      else if (note.kind === 'telemetry') this.#events.emit('telemetry', note.batch);
    }
  }

  status(): EngineStatus {
    return { state: 'running', restarts: 0, simTimeMs: this.engine.simTimeMs, speed: 1 };
  }

  on<K extends keyof EngineHostEvents>(event: K, listener: (payload: EngineHostEvents[K]) => void): () => void {
    return this.#events.on(event, listener);
  }

  records(): MachineRecord[] {
    return [...this.#records.values()];
  }

  crash(): void {
    throw new Error('the inline engine cannot crash');
  }

  #apply(changes: EngineChanges): void {
    for (const record of changes.records) this.#records.set(record.id, record);
    for (const id of changes.removed) this.#records.delete(id);
    this.#events.emit('changes', changes);
  }
}
