// Small worlds shared by the simulation tests: one host per kind, built with the public SimWorld API.
import type { GuestInput, PlatformInput, SimEvent } from './types.ts';
import type { SimWorld } from './world.ts';

/** The test stacks: a bare-metal platform, or an application platform on a Linux host OS with its own settings. */
const stacks = {
  type0: { kind: 'type0', onHostOs: false },
  type1: { kind: 'type1', onHostOs: false },
  type1hosted: { kind: 'type1hosted', onHostOs: false },
  paravirt: { kind: 'paravirt', onHostOs: false },
  type2: { kind: 'type2', onHostOs: true, settings: { admin: false } },
  type2admin: { kind: 'type2', onHostOs: true, settings: { admin: true } },
  emulator: { kind: 'emulator', onHostOs: true, settings: { mode: 'dbt' } },
  interpreter: { kind: 'emulator', onHostOs: true, settings: { mode: 'interpreter' } },
  containers: { kind: 'containers', onHostOs: true },
  processVm: { kind: 'processVm', onHostOs: true },
} as const satisfies Record<string, { kind: PlatformInput['kind']; onHostOs: boolean; settings?: Partial<PlatformInput> }>;

/** A host named `host` with one platform stack; returns the name guests should use as `platform`. */
export function addStack(world: SimWorld, host: string, stack: keyof typeof stacks, cores = 8): string {
  world.addHost({ name: host, cores, memoryMiB: 32_768 });
  const spec: { kind: PlatformInput['kind']; onHostOs: boolean; settings?: Partial<PlatformInput> } = stacks[stack];
  if (!spec.onHostOs) {
    world.addPlatform({ name: `${host}-${spec.kind}`, kind: spec.kind, on: { host } });
    return `${host}-${spec.kind}`;
  }
  world.addPlatform({ name: `${host}-os`, kind: 'hostOs', on: { host }, os: 'linux' });
  const name = `${host}-app`;
  world.addPlatform({ name, kind: spec.kind, on: { platform: `${host}-os` }, ...spec.settings });
  return name;
}

export function startGuest(world: SimWorld, input: GuestInput): void {
  world.addGuest(input);
  world.start(input.id ?? input.name);
}

/** Events about a guest or platform (by id; scenario-style worlds use names as ids). */
export function eventsOf(world: SimWorld, subjectId: string): SimEvent[] {
  return world.events().filter((event) => event.subjectId === subjectId);
}

export function eventsOnHost(world: SimWorld, hostId: string): SimEvent[] {
  return world.events().filter((event) => event.hostId === hostId);
}

/** Catches the AppError (or any error) a call throws, for asserting refusals. */
export function refusalOf(fn: () => unknown): { code: string; message: string; field?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string; field?: string };
  }
  throw new Error('expected a refusal');
}
