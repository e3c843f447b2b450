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
        platformId: spec.platformId ?? 'esx-atlas',
        kind: 'type1',
        workload: spec.workload ?? 'web',
        chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', spec.name],
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
    checkFit: (input) => {
      const { vcpus, name } = input as EngineInput<'checkFit'>;
      const refused = vcpus > 15;
      return {
        verdict: refused ? 'refused' : 'ok',
        reasons: refused ? [{ severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: `${vcpus} vCPUs is more than the 15 cores Atlas ESX can schedule on` }] : [],
        wouldFree: [],
        chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', name ?? 'new machine'],
        zones: { vcpus: { green: 15, amber: 15 }, memoryMiB: { green: 64_000, amber: 64_000 } },
      } satisfies EngineOutput<'checkFit'>;
    },
    getMetrics: (input) => {
      const machineId = this.#require((input as { id: string }).id).id;
      return {
        machineId,
        simTimeMs: 1000,
        cpu: { grantedCores: 1.1, guestCores: 1, overheadCores: 0.1, readyPerVcpu: 0 },
        breakdown: { guestWork: 1, vmm: 0.05, translation: 0, hostOs: 0, io: 0.05 },
        usefulCores: 1,
        memory: { usedMiB: 512, balloonedMiB: 0, sharedMiB: 0, swappedMiB: 0 },
        disk: { readMBps: 0, writeMBps: 0 },
        net: { rxMBps: 0, txMBps: 0 },
      } satisfies EngineOutput<'getMetrics'>;
    },
    listEvents: () => [{ atMs: 0, hostId: 'host-1', kind: 'config', message: 'Type 1 installed' }] satisfies EngineOutput<'listEvents'>,
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
