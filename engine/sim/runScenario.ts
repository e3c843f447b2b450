// Runs a validated scenario headlessly through the simulation and returns its summary.
import { AppError } from '../../shared/errors.ts';
import type { Scenario, ScenarioCommand, ScenarioGuest } from './scenarioSchema.ts';
import type { SimSummary } from './summary.ts';
import { SimWorld } from './world.ts';

/** A guest's line in a summary, re-exported so scenario readers stay behind the public files. */
export type { GuestSummary } from './summary.ts';

export interface Refusal {
  readonly atS: number;
  readonly what: 'platform' | 'guest' | 'command';
  readonly name: string;
  readonly code: string;
  readonly field: string | undefined;
  readonly message: string;
}

export interface ScenarioSummary extends SimSummary {
  readonly name: string | undefined;
  readonly description: string | undefined;
  /** Everything the engine refused while building or running the scenario (also in the event log). */
  readonly refusals: readonly Refusal[];
}

export interface RunOptions {
  /** Simulated seconds to run; the scenario's durationS when omitted. */
  readonly untilS?: number;
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioSummary {
  const untilMs = (options.untilS ?? scenario.durationS) * 1000;
  const world = new SimWorld(scenario.seed, { capacity: scenario.guests.length + scenario.platforms.length + 8 });
  const refusals: Refusal[] = [];
  const refusedPlatforms = new Set<string>();
  const failedGuests = new Set<string>();
  const attempt = (what: Refusal['what'], name: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push({ atS: world.nowMs / 1000, what, name, code: error.code, field: error.field, message: error.message });
    }
  };

  for (const host of scenario.hosts) world.addHost(host);
  const create = (guest: ScenarioGuest) => {
    if (refusedPlatforms.has(guest.platform)) {
      refusals.push({ atS: world.nowMs / 1000, what: 'guest', name: guest.name, code: 'VALIDATION', field: 'platform', message: `platform "${guest.platform}" was refused` });
      return false;
    }
    const before = refusals.length;
    attempt('guest', guest.name, () => world.addGuest(guest));
    return refusals.length === before;
  };
  // Platforms may run inside guests (partitions) and guests need their platform: build in dependency order.
  const pendingPlatforms = [...scenario.platforms];
  const pendingGuests = [...scenario.guests];
  const created: ScenarioGuest[] = [];
  // In scenario files names are the ids.
  const settled = (name: string) => world.has(name) || world.hasPlatform(name) || refusedPlatforms.has(name);
  for (let progress = true; progress; ) {
    progress = false;
    for (const platform of [...pendingPlatforms]) {
      const on = platform.on;
      const parent = 'guest' in on ? on.guest : 'platform' in on ? on.platform : undefined;
      if (parent !== undefined && !settled(parent) && !failedGuests.has(parent)) continue;
      pendingPlatforms.splice(pendingPlatforms.indexOf(platform), 1);
      progress = true;
      if (parent !== undefined && (refusedPlatforms.has(parent) || failedGuests.has(parent))) {
        refusedPlatforms.add(platform.name);
        refusals.push({ atS: 0, what: 'platform', name: platform.name, code: 'VALIDATION', field: 'on', message: `"${parent}" it runs on was refused` });
        continue;
      }
      attempt('platform', platform.name, () => world.addPlatform(platform));
      if (!world.hasPlatform(platform.name)) refusedPlatforms.add(platform.name);
    }
    for (const guest of [...pendingGuests]) {
      if (!settled(guest.platform)) continue;
      pendingGuests.splice(pendingGuests.indexOf(guest), 1);
      progress = true;
      if (create(guest)) created.push(guest);
      else failedGuests.add(guest.name);
    }
  }
  // Scenario order decides start order, whatever order creation needed.
  const autostart = scenario.guests.filter((g) => created.includes(g) && g.autostart !== false).map((g) => g.name);
  for (const name of autostart) attempt('command', name, () => world.start(name));

  const commands = scenario.commands.map((cmd, order) => ({ cmd, order })).sort((a, b) => a.cmd.at - b.cmd.at || a.order - b.order);
  for (const { cmd } of commands) {
    const atMs = cmd.at * 1000;
    if (atMs > untilMs) break;
    world.advance(atMs - world.nowMs);
    const subject = cmd.do === 'create' ? cmd.guest.name : 'guest' in cmd ? cmd.guest : cmd.from;
    if (cmd.do === 'create') {
      if (create(cmd.guest) && cmd.guest.autostart !== false) attempt('command', subject, () => world.start(subject));
      continue;
    }
    if (!world.has(subject)) {
      refusals.push({ atS: cmd.at, what: 'command', name: subject, code: 'NOT_FOUND', field: 'guest', message: `"${subject}" does not exist (its creation was refused)` });
      continue;
    }
    attempt('command', subject, () => apply(world, cmd));
  }
  world.advance(Math.max(0, untilMs - world.nowMs));
  return { name: scenario.name, description: scenario.description, ...world.summary(), refusals };
}

function apply(world: SimWorld, cmd: Exclude<ScenarioCommand, { do: 'create' }>): void {
  switch (cmd.do) {
    case 'start':
      world.start(cmd.guest);
      return;
    case 'stop':
      return world.stop(cmd.guest);
    case 'pause':
      return world.pause(cmd.guest);
    case 'resume':
      return world.resume(cmd.guest);
    case 'moveCpu':
      return world.moveCpu(cmd.from, cmd.to, cmd.count);
    case 'moveMemory':
      return world.moveMemory(cmd.from, cmd.to, cmd.mib);
    case 'balloon':
      return world.setBalloon(cmd.guest, cmd.mib);
    case 'workload':
      return world.setWorkload(cmd.guest, cmd.workload, cmd.intensity ?? 1);
  }
}
