// Small worlds shared by the simulation tests: one host per kind, built with the public SimWorld API.
import type { GuestInput, PlatformInput, SimEvent } from './types.ts';
import type { SimWorld } from './world.ts';

/** A host named `host` with one platform stack; returns the name guests should use as `platform`. */
export function addStack(world: SimWorld, host: string, stack: 'type0' | 'type1' | 'type1hosted' | 'paravirt' | 'type2' | 'type2admin' | 'emulator' | 'interpreter' | 'containers' | 'processVm', cores = 8): string {
  world.addHost({ name: host, cores, memoryMiB: 32_768 });
  const bare = (kind: PlatformInput['kind']): string => {
    world.addPlatform({ name: `${host}-${kind}`, kind, on: { host } });
    return `${host}-${kind}`;
  };
  if (stack === 'type0' || stack === 'type1' || stack === 'type1hosted' || stack === 'paravirt') return bare(stack);
  world.addPlatform({ name: `${host}-os`, kind: 'hostOs', on: { host }, os: 'linux' });
  const name = `${host}-app`;
  const kind = stack === 'type2admin' ? 'type2' : stack === 'interpreter' ? 'emulator' : stack;
  world.addPlatform({
    name,
    kind,
    on: { platform: `${host}-os` },
    ...(stack === 'type2' ? { admin: false } : stack === 'type2admin' ? { admin: true } : {}),
    ...(stack === 'interpreter' ? { mode: 'interpreter' as const } : stack === 'emulator' ? { mode: 'dbt' as const } : {}),
  });
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
