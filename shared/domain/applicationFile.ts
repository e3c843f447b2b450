// Reads an application file (Compose-like YAML or JSON) into an ApplicationSpec; every error names the field and its line.
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Document } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { applicationFileMaxBytes, applicationNameSchema, applicationSpecSchema, checkApplicationRules, rolloutBudgetSchema, serviceNameSchema, serviceRestartPolicies } from './applicationSpec.ts';
import type { ApplicationSpec } from './applicationSpec.ts';
import { imageRefSchema } from './containerSpec.ts';
import { parseCpus, parseDurationS, parseMemoryMiB } from './quantities.ts';
import type { Parsed } from './quantities.ts';

export { applicationFileMaxBytes };

/** Defaults where a file is silent, as Kubernetes and Compose would choose. */
export const applicationDefaults = {
  requests: { cpus: 0.1, memoryMiB: 64 },
  healthcheck: { intervalS: 5, startPeriodS: 0 },
  update: { maxSurge: '25%', maxUnavailable: '25%', progressDeadlineS: 120 },
  /** Clients send this to a service that has ports unless the file says otherwise. */
  requestsPerSecond: 10,
} as const;

const quantity = <T>(parse: (raw: unknown) => Parsed<T>) =>
  z.unknown().transform((raw, ctx): T => {
    const result = parse(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });

/** Objects refuse unknown fields, suggesting the closest known one. */
const fields = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownFieldMessage(issue.keys, Object.keys(shape)) : undefined) });

const portText = /^(?:(\d{1,5}):)?(\d{1,5})(?:\/tcp)?$/;
const port = z.union([z.number().int(), z.string(), fields({ target: z.number().int(), published: z.number().int().optional() })]).transform((raw, ctx) => {
  let target: number;
  let published: number | undefined;
  if (typeof raw === 'number') target = raw;
  else if (typeof raw === 'string') {
    const match = portText.exec(raw.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 30)}" is not a port; write "8080:80" (host:container) or "80"` });
      return z.NEVER;
    }
    target = Number(match[2]);
    published = match[1] === undefined ? undefined : Number(match[1]);
  } else ({ target, published } = raw);
  for (const value of [target, published]) {
    if (value !== undefined && (value < 1 || value > 65535)) {
      ctx.addIssue({ code: 'custom', message: `port ${value} is out of range 1–65535` });
      return z.NEVER;
    }
  }
  return published === undefined ? { target } : { target, published };
});

const environment = z
  .union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), z.array(z.string())], { error: 'must be a map of NAME: value or a list of "NAME=value"' })
  .transform((raw, ctx) => {
    const out: Record<string, string> = {};
    const entries = Array.isArray(raw) ? raw.map((line) => [line.split('=')[0]!, line.includes('=') ? line.slice(line.indexOf('=') + 1) : '']) : Object.entries(raw);
    for (const [name, value] of entries) {
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name!)) {
        ctx.addIssue({ code: 'custom', message: `"${String(name).slice(0, 40)}" is not a valid variable name` });
        return z.NEVER;
      }
      out[name!] = String(value);
    }
    return out;
  });

const dependsOn = z
  .union([z.array(serviceNameSchema), z.record(serviceNameSchema, z.unknown())], { error: 'must be a list of service names' })
  .transform((raw) => (Array.isArray(raw) ? raw : Object.keys(raw)));

const command = z.union([z.string(), z.array(z.string())]).transform((raw) => (Array.isArray(raw) ? raw : raw.trim().split(/\s+/).filter(Boolean)));

const serviceFileSchema = fields({
  image: imageRefSchema,
  replicas: z.number({ error: 'must be a number of replicas' }).int('must be a whole number').min(0, 'must not be negative').max(500, 'must be at most 500').default(1),
  command: command.optional(),
  environment: environment.optional(),
  ports: z.array(port).max(8, 'at most 8 ports').default([]),
  resources: fields({
    requests: fields({ cpus: quantity(parseCpus).optional(), memory: quantity(parseMemoryMiB).optional() }).optional(),
    limits: fields({ cpus: quantity(parseCpus).optional(), memory: quantity(parseMemoryMiB).optional(), pids: z.number().int('must be a whole number').min(1).max(32_768).optional() }).optional(),
  }).optional(),
  healthcheck: fields({ interval: quantity(parseDurationS).optional(), start_period: quantity(parseDurationS).optional() }).optional(),
  restart: z.enum(serviceRestartPolicies, { error: `must be one of ${serviceRestartPolicies.join(', ')}` }).default('always'),
  depends_on: dependsOn.default([]),
  update: fields({ max_surge: rolloutBudgetSchema.optional(), max_unavailable: rolloutBudgetSchema.optional(), progress_deadline: quantity(parseDurationS).optional() }).optional(),
  traffic: fields({ requests_per_second: z.number().min(0, 'must not be negative').max(100_000) }).optional(),
});

const applicationFileSchema = fields({
  name: applicationNameSchema,
  services: z.record(serviceNameSchema, serviceFileSchema, { error: 'must be a map of service names to services' }),
})
  .transform((file): ApplicationSpec => {
    const services: ApplicationSpec['services'] = {};
    for (const [name, s] of Object.entries(file.services)) {
      const limits = s.resources?.limits;
      const requests = s.resources?.requests;
      // As in Kubernetes, a limit given without a request is also the request.
      const requestCpus = requests?.cpus ?? limits?.cpus ?? applicationDefaults.requests.cpus;
      const requestMemory = requests?.memory ?? limits?.memory ?? applicationDefaults.requests.memoryMiB;
      services[name] = {
        image: s.image,
        replicas: s.replicas,
        ...(s.command === undefined ? {} : { command: s.command }),
        environment: s.environment ?? {},
        ports: s.ports,
        resources: {
          requests: { cpus: requestCpus, memoryMiB: requestMemory },
          limits: { ...(limits?.cpus === undefined ? {} : { cpus: limits.cpus }), ...(limits?.memory === undefined ? {} : { memoryMiB: limits.memory }), ...(limits?.pids === undefined ? {} : { pids: limits.pids }) },
        },
        healthcheck: { intervalS: s.healthcheck?.interval ?? applicationDefaults.healthcheck.intervalS, startPeriodS: s.healthcheck?.start_period ?? applicationDefaults.healthcheck.startPeriodS },
        restart: s.restart,
        dependsOn: s.depends_on,
        update: {
          maxSurge: s.update?.max_surge ?? applicationDefaults.update.maxSurge,
          maxUnavailable: s.update?.max_unavailable ?? applicationDefaults.update.maxUnavailable,
          progressDeadlineS: s.update?.progress_deadline ?? applicationDefaults.update.progressDeadlineS,
        },
        requestsPerSecond: s.traffic?.requests_per_second ?? (s.ports.length > 0 ? applicationDefaults.requestsPerSecond : 0),
      };
    }
    return { name: file.name, services };
  })
  .superRefine((spec, ctx) => checkApplicationRules(spec, (path, message) => ctx.addIssue({ code: 'custom', path, message })));

/**
 * Parses and validates an application file. Throws a VALIDATION AppError whose message names the field and line, e.g.
 * `services.web.resources.limits.memory: "12 parsecs" is not a memory size; … (line 9)`; `field` is that path.
 */
export function parseApplicationFile(text: string, fileName = 'application file'): ApplicationSpec {
  if (text.length > applicationFileMaxBytes) throw new AppError('VALIDATION', `${fileName} is larger than ${applicationFileMaxBytes / 1024} KiB; an application file is a few KiB`, 'source');
  if (text.trim() === '') throw new AppError('VALIDATION', `${fileName} is empty; it needs a name and services`, 'source');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = lineCounter.linePos(syntax.pos[0]);
    const where = ` (line ${at.line}, column ${at.col})`;
    throw new AppError('VALIDATION', `${fileName} is not valid YAML or JSON: ${syntax.message.split('\n')[0]}${where}`, 'source');
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new AppError('VALIDATION', `${fileName} must be a map with "name" and "services"`, 'source');
  const parsed = applicationFileSchema.safeParse(raw);
  if (!parsed.success) throw describeFileIssues(parsed.error, doc, lineCounter, raw);
  // The normalized shape is what the engine checks again; this cannot fail for a file that passed, but says so if it does.
  const checked = applicationSpecSchema.safeParse(parsed.data);
  if (!checked.success) throw describeFileIssues(checked.error, doc, lineCounter, parsed.data);
  return checked.data;
}

/**
 * An application already read into data (e.g. inline in a scenario file): the same checks and defaults as a file, with
 * errors naming the field (no lines to give).
 */
export function applicationFromObject(raw: unknown): ApplicationSpec {
  const parsed = applicationFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = (issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path).map(String).join('.');
  const message = issue.code === 'invalid_type' && !present(raw, issue.path) ? 'is required' : issue.message;
  throw new AppError('VALIDATION', path === '' ? message : `${path}: ${message}`, path === '' ? undefined : path);
}

function describeFileIssues(error: z.ZodError, doc: Document, lineCounter: LineCounter, raw: unknown): AppError {
  const lines = error.issues.slice(0, 3).map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : [...issue.path];
    const where = path.map(String).join('.');
    const line = lineOf(doc, lineCounter, path);
    const message = issue.code === 'invalid_type' && !present(raw, path) ? 'is required' : issue.message;
    return `${where === '' ? '' : `${where}: `}${message}${line === undefined ? '' : ` (line ${line})`}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  const first = error.issues[0]!;
  const field = (first.code === 'unrecognized_keys' ? [...first.path, first.keys[0]!] : first.path).map(String).join('.');
  return new AppError('VALIDATION', `${lines.join('; ')}${more}`, field === '' ? undefined : field);
}

/** Whether the file has a value at `path` (a missing field and a wrong one get different messages). */
function present(raw: unknown, path: readonly PropertyKey[]): boolean {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}

/** Line of the node at `path`, or of its nearest ancestor in the file (a missing field is reported at its parent). */
function lineOf(doc: Document, lineCounter: LineCounter, path: PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function unknownFieldMessage(keys: readonly string[], known: readonly string[]): string {
  const key = keys[0] ?? '';
  const guess = known.find((name) => similar(key, name));
  return `unknown field "${key.slice(0, 40)}"${guess ? `; did you mean "${guess}"?` : `; fields here are ${known.join(', ')}`}`;
}

/** Same word give or take a letter, an s, or - vs _ (replica/replicas, depends-on/depends_on). */
function similar(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const x = norm(a);
  const y = norm(b);
  if (x === y || x + 's' === y || x === y + 's') return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i += 1;
  return x.slice(i + (x.length >= y.length ? 1 : 0)) === y.slice(i + (y.length >= x.length ? 1 : 0));
}
