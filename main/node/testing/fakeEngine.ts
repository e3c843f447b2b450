// Test double for EnginePort: scripted command handlers, an emitter tests can fire, and a record of calls.
import { AppError } from '../../../shared/errors.ts';
import type { EngineStatus } from '../../../shared/domain/engineStatus.ts';
import type { Machine } from '../../../shared/domain/machine.ts';
import type { EngineCommandName, EngineInput, EngineOutput } from '../../../shared/engine/protocol.ts';
import type { EngineHostEvents, EnginePort } from '../enginePort.ts';
import { TypedEmitter } from '../typedEmitter.ts';

type Handler = (input: unknown) => unknown;

export class FakeEngine implements EnginePort {
  readonly events = new TypedEmitter<EngineHostEvents>();
  readonly calls: { command: EngineCommandName; input: unknown }[] = [];
  readonly crashes: string[] = [];
  readonly machines = new Map<string, Machine>();
  currentStatus: EngineStatus = { state: 'running', restarts: 0, simTimeMs: 0, speed: 1 };
  readonly #handlers: Partial<Record<EngineCommandName, Handler>> = {
    listMachines: () => [...this.machines.values()],
    listHosts: () => [],
    getClock: () => ({ simTimeMs: 1234, speed: this.currentStatus.speed }),
    getMachine: (input) => this.#require((input as { id: string }).id),
    createMachine: (input) => {
      const { id, spec } = input as EngineInput<'createMachine'>;
      const machine: Machine = {
        id,
        name: spec.name,
        osType: spec.osType,
        hostId: spec.hostId ?? 'host-1',
        vcpus: spec.vcpus,
        memoryMiB: spec.memoryMiB,
        diskGiB: spec.diskGiB,
        nic: { mac: '02:00:00:00:00:01', network: 'nat' },
        state: 'PoweredOff',
        stateSinceMs: 0,
        createdAtMs: 0,
      };
      this.machines.set(id, machine);
      return machine;
    },
    lifecycle: (input) => {
      const { id, action } = input as EngineInput<'lifecycle'>;
      const machine = this.#require(id);
      const next: Machine = { ...machine, state: action === 'start' ? 'Starting' : action === 'pause' ? 'Paused' : action === 'resume' ? 'Running' : 'Stopping' };
      this.machines.set(id, next);
      return next;
    },
    deleteMachine: (input) => {
      const { id } = input as { id: string };
      this.#require(id);
      this.machines.delete(id);
      return { id };
    },
  };

  handle<C extends EngineCommandName>(command: C, handler: (input: EngineInput<C>) => EngineOutput<C> | Promise<EngineOutput<C>>): void {
    this.#handlers[command] = handler as Handler;
  }

  async request<C extends EngineCommandName>(command: C, input: EngineInput<C>): Promise<EngineOutput<C>> {
    this.calls.push({ command, input });
    const handler = this.#handlers[command];
    if (!handler) throw new AppError('INTERNAL', `fake engine has no handler for ${command}`);
    return (await handler(input)) as EngineOutput<C>;
  }

  status(): EngineStatus {
    return { ...this.currentStatus };
  }

  on<K extends keyof EngineHostEvents>(event: K, listener: (payload: EngineHostEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  crash(reason: string): void {
    this.crashes.push(reason);
  }

  #require(id: string): Machine {
    const machine = this.machines.get(id);
    if (!machine) throw new AppError('NOT_FOUND', `No machine with id "${id}"`, 'id');
    return machine;
  }
}
