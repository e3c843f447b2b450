// Zod schema of scenario files (hosts, platforms, guests, timed commands) with errors naming the field path.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { hostOsNames, ioPaths, platformKinds, simIsas, translationModes, workloadNames } from './types.ts';
import { clusterSchema, datacenterCommandSchemas, hostDatacenterFields, restartPriorityField } from './scenarioDatacenterSchema.ts';
import { appScenarioCommands, isAppCommand } from '../orchestration/scenarioApps.ts';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const count = z.number().int('must be a whole number').positive('must be at least 1');
const nonNegative = z.number().nonnegative('must not be negative');
const positive = z.number().positive('must be greater than 0');

const hostSchema = z.strictObject({
  name,
  isa: z.enum(simIsas).optional(),
  cores: count.max(4096).optional(),
  memoryMiB: count.optional(),
  storageGiB: count.optional(),
  vtx: z.boolean().optional(),
  nestedPaging: z.boolean().optional(),
  nics: z.number().int().nonnegative().optional(),
  diskControllers: z.number().int().nonnegative().optional(),
  ...hostDatacenterFields,
});

const parentSchema = z.union([z.strictObject({ host: name }), z.strictObject({ guest: name }), z.strictObject({ platform: name })], {
  error: 'must be { "host": name }, { "guest": name } or { "platform": name }',
});

const platformSchema = z.strictObject({
  name,
  kind: z.enum(platformKinds),
  on: parentSchema,
  os: z.enum(hostOsNames).optional(),
  hostLoadCores: nonNegative.optional(),
  admin: z.boolean().optional(),
  mode: z.enum(translationModes).optional(),
  hostInstrPerGuestInstr: positive.optional(),
  translationCacheMiB: positive.optional(),
  controlPartition: z.strictObject({ cores: count, memoryMiB: count }).optional(),
  jit: z.boolean().optional(),
});

const guestSchema = z.strictObject({
  name,
  platform: name,
  os: z.string().optional(),
  vcpus: count.max(256).optional(),
  memoryMiB: count.optional(),
  diskGiB: count.optional(),
  workload: z.enum(workloadNames).optional(),
  seedKey: z.string().optional(),
  intensity: nonNegative.max(10).optional(),
  shares: positive.optional(),
  reservationCores: nonNegative.optional(),
  limitCores: positive.optional(),
  io: z.enum(ioPaths).optional(),
  ringSize: count.optional(),
  hypercallBatch: count.optional(),
  paravirtualized: z.boolean().optional(),
  balloonDriver: z.boolean().optional(),
  ports: z.array(z.number().int().min(1).max(65535)).optional(),
  /** Start at t = 0 (default true). */
  autostart: z.boolean().optional(),
  /** Order in which HA restarts it after its host fails (medium when omitted). */
  restartPriority: restartPriorityField,
});

const at = nonNegative;
const commandSchema = z.discriminatedUnion('do', [
  z.strictObject({ at, do: z.enum(['start', 'stop', 'pause', 'resume']), guest: name }),
  z.strictObject({ at, do: z.literal('moveCpu'), from: name, to: name, count }),
  z.strictObject({ at, do: z.literal('moveMemory'), from: name, to: name, mib: count }),
  z.strictObject({ at, do: z.literal('balloon'), guest: name, mib: z.number().int().nonnegative() }),
  z.strictObject({ at, do: z.literal('workload'), guest: name, workload: z.enum(workloadNames), intensity: nonNegative.max(10).optional() }),
  z.strictObject({ at, do: z.literal('create'), guest: guestSchema }),
  ...datacenterCommandSchemas,
  // Applications of containers across the container hosts (engine/orchestration).
  ...appScenarioCommands,
]);

export const scenarioSchema = z
  .strictObject({
    name: z.string().optional(),
    description: z.string().optional(),
    seed: z.number().int('must be a whole number').min(0).max(4_294_967_295),
    durationS: positive.max(30 * 86_400).default(600),
    hosts: z.array(hostSchema).min(1, 'needs at least one host'),
    platforms: z.array(platformSchema).default([]),
    guests: z.array(guestSchema).default([]),
    /** Hosts forming clusters (shared or local storage, HA, balancing); hosts in none are standalone. */
    clusters: z.array(clusterSchema).default([]),
    commands: z.array(commandSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = (items: readonly { name: string }[], what: string, key: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.name)) issue([key, i, 'name'], `another ${what} is already named "${item.name}"`);
        seen.add(item.name);
      });
      return seen;
    };
    const hosts = unique(scenario.hosts, 'host', 'hosts');
    const platforms = unique(scenario.platforms, 'platform', 'platforms');
    const guests = unique(scenario.guests, 'guest', 'guests');
    for (const cmd of scenario.commands) if (cmd.do === 'create') guests.add(cmd.guest.name);
    scenario.platforms.forEach((p, i) => {
      if ('host' in p.on && !hosts.has(p.on.host)) issue(['platforms', i, 'on', 'host'], `no host named "${p.on.host}"`);
      if ('guest' in p.on && !guests.has(p.on.guest)) issue(['platforms', i, 'on', 'guest'], `no guest named "${p.on.guest}"`);
      if ('platform' in p.on && !platforms.has(p.on.platform)) issue(['platforms', i, 'on', 'platform'], `no platform named "${p.on.platform}"`);
    });
    scenario.guests.forEach((g, i) => {
      if (!platforms.has(g.platform)) issue(['guests', i, 'platform'], `no platform named "${g.platform}"`);
    });
    const clusters = unique(scenario.clusters, 'cluster', 'clusters');
    const clustered = new Map<string, string>();
    scenario.clusters.forEach((c, i) =>
      c.hosts.forEach((h, k) => {
        if (!hosts.has(h)) issue(['clusters', i, 'hosts', k], `no host named "${h}"`);
        else if (clustered.has(h)) issue(['clusters', i, 'hosts', k], `host "${h}" is already in cluster "${clustered.get(h)}"`);
        clustered.set(h, c.name);
      }),
    );
    scenario.commands.forEach((cmd, i) => {
      if (isAppCommand(cmd)) {
        if ('host' in cmd && !hosts.has(cmd.host)) issue(['commands', i, 'host'], `no host named "${cmd.host}"`);
      } else if (cmd.do === 'migrate') {
        if (!guests.has(cmd.guest)) issue(['commands', i, 'guest'], `no guest named "${cmd.guest}"`);
        if (!hosts.has(cmd.to) && !platforms.has(cmd.to)) issue(['commands', i, 'to'], `no host or platform named "${cmd.to}"`);
      } else if (cmd.do === 'consolidate' || cmd.do === 'balance') {
        if (!clusters.has(cmd.cluster)) issue(['commands', i, 'cluster'], `no cluster named "${cmd.cluster}"`);
      } else if ('host' in cmd) {
        if (!hosts.has(cmd.host)) issue(['commands', i, 'host'], `no host named "${cmd.host}"`);
      } else if (cmd.do === 'create') {
        if (!platforms.has(cmd.guest.platform)) issue(['commands', i, 'guest', 'platform'], `no platform named "${cmd.guest.platform}"`);
      } else if ('guest' in cmd) {
        if (!guests.has(cmd.guest)) issue(['commands', i, 'guest'], `no guest named "${cmd.guest}"`);
      } else {
        if (!guests.has(cmd.from)) issue(['commands', i, 'from'], `no guest named "${cmd.from}"`);
        if (!guests.has(cmd.to)) issue(['commands', i, 'to'], `no guest named "${cmd.to}"`);
      }
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioCommand = Scenario['commands'][number];
export type ScenarioGuest = Scenario['guests'][number];

/** Validates parsed JSON; throws a VALIDATION AppError like `guests.2.platform: no platform named "esx9"`. */
export function parseScenario(json: unknown): Scenario {
  const result = scenarioSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const first = result.error.issues[0]!;
  const more = result.error.issues.length > 5 ? `\n(and ${result.error.issues.length - 5} more)` : '';
  throw new AppError('VALIDATION', issues.join('\n') + more, first.path.map(String).join('.') || undefined);
}
