// An EnginePort over a real Engine in this thread (no worker): tests get the engine's real rules and change stream
// through the real backend, with simulated time moved by hand.
import type { EngineStatus } from '../../../shared/domain/engineStatus.ts';
import type { EngineCommandName, EngineInput, EngineOutput, MachineRecord } from '../../../shared/engine/protocol.ts';
import { Engine } from '../../../engine/engine.ts';
import type { EngineCoreCommand } from '../../../engine/commandSchemas.ts';
import type { EngineHostEvents, EnginePort } from '../enginePort.ts';
import { TypedEmitter } from '../typedEmitter.ts';

export class DirectEngine implements EnginePort {
  readonly engine: Engine;
  readonly #events = new TypedEmitter<EngineHostEvents>((error) => {
    throw error;
  });

  constructor(seed = 1) {
    this.engine = new Engine({ seed });
  }

  async request<C extends EngineCommandName>(command: C, input: EngineInput<C>): Promise<EngineOutput<C>> {
    if (command === 'crash') throw new Error('DirectEngine cannot crash');
    const value = this.engine.handle(command as EngineCoreCommand, input as never) as EngineOutput<C>;
    const changes = this.engine.takeChanges();
    if (changes) this.#events.emit('changes', changes);
    return value;
  }

  /** Moves simulated time and hands out its changes, as the worker would. */
  advance(ms: number): void {
    for (const note of this.engine.advance(ms)) {
      if (note.kind === 'changes') this.#events.emit('changes', note.changes);
      if (note.kind === 'telemetry') this.#events.emit('telemetry', note.batch);
    }
  }

  status(): EngineStatus {
    return { state: 'running', restarts: 0, simTimeMs: this.engine.simTimeMs, speed: 1 };
  }

  on<K extends keyof EngineHostEvents>(event: K, listener: (payload: EngineHostEvents[K]) => void): () => void {
    return this.#events.on(event, listener);
  }

  records(): MachineRecord[] {
    return [];
  }

  crash(): void {
    throw new Error('DirectEngine cannot crash');
  }
}
