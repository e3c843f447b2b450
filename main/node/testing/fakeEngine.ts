// Test double for EnginePort: scripted command handlers, an emitter tests can fire, and a record of calls.
import { AppError } from '../../../shared/errors.ts';
import type { EngineStatus } from '../../../shared/domain/engineStatus.ts';
import type { Machine } from '../../../shared/domain/machine.ts';
import { toMachineRecord } from '../../../shared/domain/machineRecord.ts';
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';
import { settingsFields } from '../../../shared/domain/machineConfig.ts';
import type { FieldRule, SettingsField } from '../../../shared/domain/machineConfig.ts';
import type { Snapshot, SnapshotTree } from '../../../shared/domain/snapshot.ts';
import type { EngineCommandName, EngineInput, EngineOutput } from '../../../shared/engine/protocol.ts';
import type { EngineHostEvents, EnginePort } from '../enginePort.ts';
import { TypedEmitter } from '../typedEmitter.ts';

type Handler = (input: unknown) => unknown;

export class FakeEngine implements EnginePort {
  readonly events = new TypedEmitter<EngineHostEvents>();
  readonly calls: { command: EngineCommandName; input: unknown }[] = [];
  readonly crashes: string[] = [];
  readonly machines = new Map<string, Machine>();
  /** Per machine: its snapshots in the order taken and the one the Current State hangs under (no disk model). */
  readonly snapshots = new Map<string, { list: Snapshot[]; currentId?: string }>();
  currentStatus: EngineStatus = { state: 'running', restarts: 0, simTimeMs: 0, speed: 1 };
  readonly #handlers: Partial<Record<EngineCommandName, Handler>> = {
    listMachines: () => [...this.machines.values()],
    listHosts: () => [],
    getHostActivity: () => [],
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
      const states: Record<EngineInput<'lifecycle'>['action'], Machine['state']> = {
        start: 'Starting',
        pause: 'Paused',
        resume: 'Running',
        stop: 'Stopping',
        powerOff: 'PoweredOff',
        reset: 'Starting',
        saveState: 'Saved',
        discardState: 'PoweredOff',
      };
      const next: Machine = { ...machine, state: states[action] };
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
        breakdown: {
          guestWork: 1,
          vmm: 0.05,
          translation: 0,
          hostOs: 0,
          io: 0.05,
          causes: [
            { cause: 'ioOperations', label: 'DMA I/O operations', mechanism: 'paravirtual I/O ring', cores: 0.05, share: 0.5 },
            { cause: 'interrupts', label: 'interrupts', mechanism: 'VM exit (trap and emulate)', cores: 0.05, share: 0.5 },
          ],
        },
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
      this.snapshots.delete(id);
      return { id, freedMiB: 0, removed: [id] };
    },
    planRemoval: (input) => {
      const machine = this.#require((input as { id: string }).id);
      const choice = (mode: 'removeOnly' | 'deleteAll') => ({ mode, freedMiB: mode === 'deleteAll' ? 1024 : 0, keptMiB: mode === 'deleteAll' ? 0 : 1024, alsoRemoves: [], summary: `${mode} "${machine.name}"` });
      return { machineId: machine.id, name: machine.name, dependents: [], choices: [choice('removeOnly'), choice('deleteAll')] } satisfies EngineOutput<'planRemoval'>;
    },
    listMedia: () =>
      ({
        disks: [...this.machines.values()].map((m) => ({
          id: `img-${m.id}`,
          hostId: m.hostId,
          fileName: `${m.name}.vdi`,
          role: `Current state of ${m.name}`,
          kind: 'base' as const,
          allocation: 'dynamic' as const,
          capacityMiB: m.diskGiB * 1024,
          allocatedMiB: 1024,
          attachedTo: [{ machineId: m.id, name: m.name }],
          linkedClones: [],
          orphaned: false,
          compactableMiB: 0,
        })),
        isoImages: [{ id: 'iso-1', name: 'debian-12.7.0-amd64-netinst.iso', sizeMiB: 631, attachedTo: [] }],
        hostDrives: [],
      }) satisfies EngineOutput<'listMedia'>,
    getMachineConfig: (input) => {
      const machine = this.#require((input as { id: string }).id);
      const tree = this.#tree(machine.id);
      return {
        machineId: machine.id,
        disk: { allocation: 'dynamic', capacityGiB: machine.diskGiB, currentImageId: `img-${machine.id}`, chain: [`img-${machine.id}`], ownedMiB: 1024 },
        nics: [{ slot: 1, attachment: machine.nic.network, networkId: 'natnet', mac: machine.nic.mac, ipMode: 'dhcp', ip: '10.0.2.15' }],
        optical: { kind: 'empty' },
        snapshotCount: tree.snapshots.length,
      } satisfies EngineOutput<'getMachineConfig'>;
    },
    getSettingsRules: (input) => {
      const machine = this.#require((input as { id: string }).id);
      const off = machine.state === 'PoweredOff';
      const fields = Object.fromEntries(
        settingsFields.map((field): [SettingsField, FieldRule] => [field, off ? { editable: true, live: false } : { editable: false, live: false, reason: `Power off "${machine.name}" to change ${field}` }]),
      ) as Record<SettingsField, FieldRule>;
      return { machineId: machine.id, state: machine.state, fields } satisfies EngineOutput<'getSettingsRules'>;
    },
    updateSettings: (input) => {
      const { id, patch } = input as EngineInput<'updateSettings'>;
      const machine = this.#require(id);
      const { name, vcpus, memoryMiB, diskGiB } = patch;
      const next: Machine = { ...machine, ...(name && { name }), ...(vcpus && { vcpus }), ...(memoryMiB && { memoryMiB }), ...(diskGiB && { diskGiB }) };
      this.machines.set(id, next);
      return next;
    },
    listSnapshots: (input) => this.#tree(this.#require((input as { id: string }).id).id),
    takeSnapshot: (input) => {
      const { id, snapshotId, spec } = input as EngineInput<'takeSnapshot'>;
      const machine = this.#require(id);
      const entry = this.snapshots.get(id) ?? { list: [] };
      const parent = entry.currentId === undefined ? undefined : entry.list.find((s) => s.id === entry.currentId);
      const snapshot: Snapshot = {
        id: snapshotId,
        name: spec.name,
        description: spec.description ?? '',
        ...(parent && { parentId: parent.id }),
        childIds: [],
        takenAtMs: 0,
        withMemory: spec.withMemory ?? false,
        memoryStateMiB: 0,
        diskImageId: `img-${snapshotId}`,
        diskMiB: 0,
        settings: { osType: machine.osType, vcpus: machine.vcpus, memoryMiB: machine.memoryMiB, diskGiB: machine.diskGiB },
      };
      parent?.childIds.push(snapshotId);
      entry.list.push(snapshot);
      entry.currentId = snapshotId;
      this.snapshots.set(id, entry);
      return this.#tree(id);
    },
    restoreSnapshot: (input) => {
      const { id, snapshotId } = input as EngineInput<'restoreSnapshot'>;
      const machine = this.#require(id);
      if (machine.state !== 'PoweredOff') throw new AppError('INVALID_STATE', `Power off "${machine.name}" before restoring a snapshot`);
      const entry = this.snapshots.get(id);
      if (!entry?.list.some((s) => s.id === snapshotId)) throw new AppError('NOT_FOUND', `"${machine.name}" has no snapshot with id "${snapshotId}"`, 'snapshotId');
      entry.currentId = snapshotId;
      return this.#tree(id);
    },
    deleteSnapshot: (input) => {
      const { id, snapshotId } = input as EngineInput<'deleteSnapshot'>;
      const machine = this.#require(id);
      const entry = this.snapshots.get(id);
      const snapshot = entry?.list.find((s) => s.id === snapshotId);
      if (!entry || !snapshot) throw new AppError('NOT_FOUND', `"${machine.name}" has no snapshot with id "${snapshotId}"`, 'snapshotId');
      if (snapshot.childIds.length > 1) throw new AppError('INVALID_STATE', `Snapshot "${snapshot.name}" has ${snapshot.childIds.length} child snapshots; delete all but one first`, 'snapshotId');
      entry.list = entry.list.filter((s) => s !== snapshot);
      for (const other of entry.list) {
        if (other.parentId === snapshotId) other.parentId = snapshot.parentId;
        other.childIds = other.childIds.flatMap((c) => (c === snapshotId ? snapshot.childIds : [c]));
      }
      if (entry.currentId === snapshotId) entry.currentId = snapshot.parentId;
      return { ...this.#tree(id), freedMiB: 0 };
    },
    cloneMachine: (input) => {
      const { id, cloneId, options } = input as EngineInput<'cloneMachine'>;
      const source = this.#require(id);
      const clone: Machine = { ...source, id: cloneId, name: options.name, state: 'PoweredOff', nic: { ...source.nic, mac: '02:00:00:00:00:02' } };
      this.machines.set(cloneId, clone);
      return clone;
    },
    listStorage: () =>
      [{ hostId: 'host-1', name: 'Atlas storage', capacityMiB: 2_097_152, usedMiB: 1024 * this.machines.size, freeMiB: 2_097_152 - 1024 * this.machines.size, images: [], memoryStates: [], savedStates: [] }] satisfies EngineOutput<'listStorage'>,
    listNetworks: () =>
      [
        { id: 'natnet', name: 'NatNetwork', attachment: 'nat', hostId: 'host-1', editable: true, subnet: '10.0.2.0/24', gateway: '10.0.2.1', dhcpServer: '10.0.2.3', dhcpRange: { first: '10.0.2.15', last: '10.0.2.254' }, leases: [], staticIps: [] },
      ] satisfies EngineOutput<'listNetworks'>,
  };

  handle<C extends EngineCommandName>(command: C, handler: (input: EngineInput<C>) => EngineOutput<C> | Promise<EngineOutput<C>>): void {
    this.#handlers[command] = handler as Handler;
  }

  async request<C extends EngineCommandName>(command: C, input: EngineInput<C>): Promise<EngineOutput<C>> {
    this.calls.push({ command, input });
    const handler = this.#handlers[command];
    if (!handler) throw new AppError('INTERNAL', `fake engine has no handler for ${command}`);
    const value = (await handler(input)) as EngineOutput<C>;
    this.#reportChanges(command, input as { id?: string; cloneId?: string });
    return value;
  }

  /** Like the real engine: a command's changes are reported (as a batch) before its reply is handed out. */
  #reportChanges(command: EngineCommandName, input: { id?: string; cloneId?: string }): void {
    const configured = new Set<EngineCommandName>(['createMachine', 'updateSettings', 'takeSnapshot', 'restoreSnapshot', 'deleteSnapshot', 'cloneMachine']);
    const ids = [input.id, input.cloneId].filter((id): id is string => id !== undefined && this.machines.has(id));
    if (command === 'deleteMachine' && input.id !== undefined) {
      this.events.emit('changes', { machines: [], records: [], removed: [input.id], events: [] });
    } else if (command === 'lifecycle') {
      this.events.emit('changes', { machines: ids.map((id) => this.machines.get(id)!), records: [], removed: [], events: [] });
    } else if (configured.has(command)) {
      const machines = ids.map((id) => this.machines.get(id)!);
      this.events.emit('changes', { machines, records: machines.map((m) => toMachineRecord(m)), removed: [], events: [] });
    }
  }

  records(): MachineRecord[] {
    return [...this.machines.values()].map((machine) => toMachineRecord(machine));
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

  #tree(id: string): SnapshotTree {
    const entry = this.snapshots.get(id);
    const tree: SnapshotTree = { machineId: id, snapshots: entry?.list ?? [], currentState: { diskImageId: `img-${id}`, diskMiB: 0 } };
    if (entry?.currentId !== undefined) tree.currentSnapshotId = entry.currentId;
    return structuredClone(tree);
  }

  #require(id: string): Machine {
    const machine = this.machines.get(id);
    if (!machine) throw new AppError('NOT_FOUND', `No machine with id "${id}"`, 'id');
    return machine;
  }
}
