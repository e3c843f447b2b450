// In-memory ApiClient for store and component tests: a small model of the backend plus call records and event emission.
import { AppError } from '../../shared/errors.ts';
import { osTypes } from '../../shared/domain/osTypes.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { Host } from '../../shared/domain/host.ts';
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';
import { actionAllowedFrom } from '../../shared/domain/machineState.ts';
import type { LifecycleAction, MachineState } from '../../shared/domain/machineState.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/methods.ts';
import type { EventListener, EventName, EventPayload, Unsubscribe } from '../../shared/api/events.ts';
import { withMethods } from '../api/apiClient.ts';
import type { ApiClient, ApiTransport, ConnectionState } from '../api/apiClient.ts';

export const testHost: Host = {
  id: 'host-1',
  name: 'Atlas',
  isa: 'x86_64',
  cores: 16,
  memoryMiB: 65536,
  storageGiB: 2048,
  hardwareAssist: { vtx: true, nestedPaging: true },
  platform: { kind: 'type1', name: 'Virtlab Hypervisor (type 1)' },
  committed: { vcpus: 0, memoryMiB: 0, storageGiB: 0 },
};

let idCounter = 0;
export function makeMachine(overrides: Partial<Machine> = {}): Machine {
  idCounter += 1;
  const hex = idCounter.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    name: `vm-${idCounter}`,
    osType: 'debian64',
    hostId: 'host-1',
    vcpus: 1,
    memoryMiB: 1024,
    diskGiB: 20,
    nic: { mac: `08:00:27:00:00:${(idCounter % 256).toString(16).padStart(2, '0')}`, network: 'nat' },
    state: 'PoweredOff',
    stateSinceMs: 0,
    createdAtMs: 0,
    ...overrides,
  };
}

type Handler = (input: never) => unknown;
const nextState: Record<LifecycleAction, MachineState> = { start: 'Starting', pause: 'Paused', resume: 'Running', stop: 'Stopping' };

export class FakeBackend implements ApiTransport {
  readonly kind = 'web' as const;
  machines: Machine[] = [];
  engineStatus: EngineStatus = { state: 'running', restarts: 0, simTimeMs: 0, speed: 1 };
  clockMs = 1000;
  readonly calls: { method: MethodName; input: unknown }[] = [];
  /** Replace a method's behaviour; return a value or throw an AppError. */
  readonly overrides: Partial<Record<MethodName, Handler>> = {};
  #state: ConnectionState = 'open';
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input });
    const override = this.overrides[method];
    const result = override ? override(input as never) : this.#default(method, input as Record<string, unknown>);
    return structuredClone(await result) as MethodOutput<M>;
  }

  #default(method: MethodName, input: Record<string, unknown>): unknown {
    switch (method) {
      case 'getAppInfo':
        return { name: 'Virtlab', version: '0.0.0-test', transport: 'web' };
      case 'getEngineStatus':
        return this.engineStatus;
      case 'listOsTypes':
        return osTypes;
      case 'listHosts':
        return [testHost];
      case 'listMachines':
        return [...this.machines].sort((a, b) => a.name.localeCompare(b.name));
      case 'getMachine':
        return this.#find(String(input.id));
      case 'createMachine': {
        const spec = input as { name: string; osType: string; vcpus: number; memoryMiB: number; diskGiB: number };
        if (this.machines.some((m) => machineNameKey(m.name) === machineNameKey(spec.name))) {
          throw new AppError('CONFLICT', `A machine named "${spec.name}" already exists`, 'name');
        }
        const machine = makeMachine({ ...spec, createdAtMs: this.clockMs, stateSinceMs: this.clockMs });
        this.machines.push(machine);
        return machine;
      }
      case 'startMachine':
        return this.#lifecycle('start', String(input.id));
      case 'pauseMachine':
        return this.#lifecycle('pause', String(input.id));
      case 'resumeMachine':
        return this.#lifecycle('resume', String(input.id));
      case 'stopMachine':
        return this.#lifecycle('stop', String(input.id));
      case 'deleteMachine': {
        const machine = this.#find(String(input.id));
        if (machine.state !== 'PoweredOff') throw new AppError('INVALID_STATE', `"${machine.name}" must be powered off before it is deleted`);
        this.machines = this.machines.filter((m) => m.id !== machine.id);
        return { id: machine.id };
      }
      case 'setTelemetrySubscription':
        return { machineIds: (input as { machineIds: string[] }).machineIds };
    }
  }

  #find(id: string): Machine {
    const machine = this.machines.find((m) => m.id === id);
    if (!machine) throw new AppError('NOT_FOUND', 'No such machine');
    return machine;
  }

  #lifecycle(action: LifecycleAction, id: string): Machine {
    const machine = this.#find(id);
    if (!actionAllowedFrom[action].includes(machine.state)) {
      throw new AppError('INVALID_STATE', `Cannot ${action} "${machine.name}" while it is ${machine.state}`);
    }
    this.clockMs += 1;
    Object.assign(machine, { state: nextState[action], stateSinceMs: this.clockMs });
    return machine;
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) (listener as EventListener<E>)(payload);
  }

  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  connectionState(): ConnectionState {
    return this.#state;
  }

  setConnectionState(state: ConnectionState): void {
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener(state);
  }

  onConnectionChange(listener: (state: ConnectionState) => void): Unsubscribe {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  dispose(): void {}
}

export function createFakeApi(machines: Machine[] = []): { backend: FakeBackend; api: ApiClient } {
  const backend = new FakeBackend();
  backend.machines = machines;
  return { backend, api: withMethods(backend) };
}
