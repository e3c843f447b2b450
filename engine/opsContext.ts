// What the machine-operation modules (snapshots, clones, settings, storage, networks) need: the core's interface and the configurations.
import type { MachineState } from '../shared/domain/machineState.ts';
import type { MachineConfigStore } from './machineConfigStore.ts';
import { kindModule } from './kinds/registry.ts';
import type { GuestView, SimWorld } from './sim/world.ts';

export interface OpsContext {
  readonly world: SimWorld;
  readonly configs: MachineConfigStore;
  readonly seed: number;
  /** The machine's guest as the core sees it now; NOT_FOUND when there is none. */
  guest(machineId: string): GuestView;
  nameOf(machineId: string): string;
  stateOf(machineId: string): MachineState;
  /** Every machine id, in creation order. */
  machineIds(): string[];
  hostNameOf(machineId: string): string;
  /** Adds an event to the simulation's log for the machine. */
  log(machineId: string, kind: 'config' | 'refusal', message: string): void;
}

/** The MAC prefix new adapters of the machine get: its kind's (VirtualBox 08:00:27, Xen 00:16:3e, KVM 52:54:00, containers 02:42). */
export function macPrefixOf(ctx: OpsContext, machineId: string): string {
  return kindModule(ctx.guest(machineId).kind).description.macPrefix;
}

/** Not Powered Off: a guest that holds its IPs, MACs and the host drive. */
export function isActive(ctx: OpsContext, machineId: string): boolean {
  return ctx.stateOf(machineId) !== 'PoweredOff';
}

/** An OpsContext over a world and its configurations. */
export function opsContext(world: () => SimWorld, configs: () => MachineConfigStore, seed: () => number): OpsContext {
  return {
    get world() {
      return world();
    },
    get configs() {
      return configs();
    },
    get seed() {
      return seed();
    },
    guest: (machineId) => world().guest(machineId),
    nameOf: (machineId) => (world().has(machineId) ? world().guest(machineId).name : machineId),
    stateOf: (machineId) => world().stateOf(machineId),
    machineIds: () => world().guestIds(),
    hostNameOf: (machineId) => world().hostOfPlatform(world().guest(machineId).platformId).name,
    log: (machineId, kind, message) => world().logGuest(machineId, kind, message),
  };
}
