// An application as the engine runs it: services of replicated containers with resources, health checks, restart
// policy, dependencies and a rolling-update budget. Files are read into this shape by applicationFile.ts.
import { z } from 'zod';
import { imageRefSchema, portNumberSchema } from './containerSpec.ts';

const dnsLabel = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, `${what} must be 1–40 lowercase letters, digits or dashes, starting and ending with a letter or digit`);

export const applicationNameSchema = dnsLabel('An application name');
export const serviceNameSchema = dnsLabel('A service name');

export const applicationLimits = { services: 20, replicas: 500, totalReplicas: 20_000 } as const;

/** Largest application file accepted, in characters (a 20-service application is a few KiB). */
export const applicationFileMaxBytes = 256 * 1024;

/** Kubernetes' restart policies: Always (the default) restarts any exit, OnFailure only failures, Never none. */
export const serviceRestartPolicies = ['always', 'on-failure', 'no'] as const;
export const serviceRestartSchema = z.enum(serviceRestartPolicies, { error: `must be one of ${serviceRestartPolicies.join(', ')}` });
export type ServiceRestartPolicy = z.infer<typeof serviceRestartSchema>;

/** A rolling-update budget: a number of replicas or a percentage of the desired count ("25%"). */
export const rolloutBudgetSchema = z.union([z.number().int('must be a whole number').min(0, 'must not be negative').max(applicationLimits.replicas), z.string().regex(/^(100|[1-9]?\d)%$/, 'must be a number of replicas or a percentage like 25%')]);
export type RolloutBudget = z.infer<typeof rolloutBudgetSchema>;

const cpus = z.number().positive('must be more than 0').max(64, 'must be at most 64 CPUs');
const memoryMiB = z.number().int().positive('must be more than 0').max(262_144, 'must be at most 256 GiB');

export const serviceSpecSchema = z.strictObject({
  image: imageRefSchema,
  replicas: z.number().int('must be a whole number').min(0, 'must not be negative').max(applicationLimits.replicas, `must be at most ${applicationLimits.replicas}`),
  command: z.array(z.string().max(200)).max(20).optional(),
  environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'is not a valid variable name'), z.string().max(1000)),
  /** Container ports; `published` also binds the port on the host (at most one such replica per host). */
  ports: z.array(z.strictObject({ target: portNumberSchema, published: portNumberSchema.optional() })).max(8),
  resources: z.strictObject({
    /** What the scheduler reserves on a host (Kubernetes requests, Compose reservations). */
    requests: z.strictObject({ cpus, memoryMiB }),
    /** What the kernel enforces (cgroup cpu.max, memory.max with the OOM killer, pids.max). */
    limits: z.strictObject({ cpus: cpus.optional(), memoryMiB: memoryMiB.optional(), pids: z.number().int().min(1).max(32_768).optional() }),
  }),
  healthcheck: z.strictObject({
    intervalS: z.number().min(0.5, 'must be at least 0.5 s').max(300),
    /** Failures during this grace period after a start do not count. */
    startPeriodS: z.number().min(0).max(600),
  }),
  restart: serviceRestartSchema,
  dependsOn: z.array(serviceNameSchema).max(applicationLimits.services),
  update: z.strictObject({
    maxSurge: rolloutBudgetSchema,
    maxUnavailable: rolloutBudgetSchema,
    /** A rollout that makes no progress for this long is reported as stalled (Kubernetes progressDeadlineSeconds). */
    progressDeadlineS: z.number().min(5).max(3600),
  }),
  /** Requests per second clients send to the service's virtual address. */
  requestsPerSecond: z.number().min(0).max(100_000),
});
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;

export const applicationSpecSchema = z
  .strictObject({
    name: applicationNameSchema,
    services: z.record(serviceNameSchema, serviceSpecSchema),
  })
  .superRefine((spec, ctx) => checkApplicationRules(spec, (path, message) => ctx.addIssue({ code: 'custom', path, message })));
export type ApplicationSpec = z.infer<typeof applicationSpecSchema>;

type ServicesLike = Readonly<Record<string, { readonly replicas: number; readonly dependsOn: readonly string[]; readonly ports: readonly { readonly published?: number | undefined }[]; readonly resources: { readonly requests: { readonly cpus: number; readonly memoryMiB: number }; readonly limits: { readonly cpus?: number | undefined; readonly memoryMiB?: number | undefined } } }>>;

/** Rules across fields: known dependencies without cycles, limits not below requests, host ports used once, size bounds. */
export function checkApplicationRules(spec: { readonly services: ServicesLike }, issue: (path: (string | number)[], message: string) => void): void {
  const names = Object.keys(spec.services);
  if (names.length === 0) issue(['services'], 'needs at least one service');
  if (names.length > applicationLimits.services) issue(['services'], `has ${names.length} services; at most ${applicationLimits.services}`);
  const total = names.reduce((sum, name) => sum + spec.services[name]!.replicas, 0);
  if (total > applicationLimits.totalReplicas) issue(['services'], `asks for ${total} replicas in all; at most ${applicationLimits.totalReplicas}`);
  const published = new Map<number, string>();
  for (const name of names) {
    const service = spec.services[name]!;
    service.dependsOn.forEach((dependency, i) => {
      if (!names.includes(dependency)) issue(['services', name, 'depends_on', i], `no service named "${dependency}" in this application (services: ${names.join(', ')})`);
      else if (dependency === name) issue(['services', name, 'depends_on', i], 'a service cannot depend on itself');
    });
    const { requests, limits } = service.resources;
    if (limits.cpus !== undefined && limits.cpus < requests.cpus) issue(['services', name, 'resources', 'limits', 'cpus'], `limit (${limits.cpus}) is below the request (${requests.cpus}); a limit must be at least the request`);
    if (limits.memoryMiB !== undefined && limits.memoryMiB < requests.memoryMiB) issue(['services', name, 'resources', 'limits', 'memory'], `limit (${limits.memoryMiB} MiB) is below the request (${requests.memoryMiB} MiB); a limit must be at least the request`);
    service.ports.forEach((port, i) => {
      if (port.published === undefined) return;
      const holder = published.get(port.published);
      if (holder !== undefined) issue(['services', name, 'ports', i], `host port ${port.published} is already published by service "${holder}"`);
      published.set(port.published, name);
    });
  }
  const cycle = dependencyCycle(spec.services);
  if (cycle) issue(['services', cycle[0]!, 'depends_on'], `dependencies form a cycle: ${cycle.join(' → ')}`);
}

/** The first dependency cycle found, as service names ending where it started; undefined when there is none. */
function dependencyCycle(services: ServicesLike): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done' || !(name in services)) return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    path.push(name);
    for (const dependency of services[name]!.dependsOn) {
      const found = visit(dependency);
      if (found) return found;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(services)) {
    const found = visit(name);
    if (found) return found;
  }
  return undefined;
}

/** Services in an order where each comes after what it depends on (ties keep file order). */
export function startOrder(services: ServicesLike): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const names = Object.keys(services);
  while (order.length < names.length) {
    const next = names.find((name) => !placed.has(name) && services[name]!.dependsOn.every((d) => placed.has(d) || !(d in services)));
    // A cycle (refused by validation) must not loop forever: take the rest in file order.
    const take = next ?? names.find((name) => !placed.has(name))!;
    order.push(take);
    placed.add(take);
  }
  return order;
}

/** Replicas a budget allows for `desired`: percentages round up for surge and down for unavailability, as Kubernetes does. */
export function resolveBudget(budget: RolloutBudget, desired: number, round: 'up' | 'down'): number {
  if (typeof budget === 'number') return budget;
  const share = (Number(budget.slice(0, -1)) / 100) * desired;
  return round === 'up' ? Math.ceil(share - 1e-9) : Math.floor(share + 1e-9);
}
