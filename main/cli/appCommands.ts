// `virtlab app deploy|ls|show|scale|rollout|rm`: applications of replicated containers across the container hosts,
// as `docker compose up` / `kubectl apply`, `kubectl scale` and `kubectl rollout` do it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AppApi } from '../../shared/api/methods.ts';
import type { ApplicationView } from '../../shared/domain/applicationView.ts';
import { imageRefSchema } from '../../shared/domain/containerSpec.ts';
import { applicationFileMaxBytes, applicationLimits, serviceNameSchema } from '../../shared/domain/applicationSpec.ts';
import { AppError } from '../../shared/errors.ts';
import { UsageError } from './cliErrors.ts';
import { defineCommand } from './commandTypes.ts';
import { formatApplication, formatApplicationList } from './appText.ts';
import { expectPositionals, parseOptions, wholeNumber } from './optionSchemas.ts';

/** An application by id or name. */
export async function resolveApplication(api: AppApi, ref: string): Promise<ApplicationView> {
  const apps = await api.listApplications({});
  const found = apps.find((app) => app.id === ref.trim()) ?? apps.find((app) => app.name === ref.trim().toLowerCase());
  if (found) return found;
  throw new AppError('NOT_FOUND', `no application is named or has the id "${ref.slice(0, 80)}". Run "virtlab app ls" to see the applications`);
}

const service = (command: string) => (text: string): string => {
  const parsed = serviceNameSchema.safeParse(text);
  if (!parsed.success) throw new UsageError(`"${text.slice(0, 40)}" is not a service name: ${parsed.error.issues[0]?.message ?? 'invalid'}`, command);
  return parsed.data;
};

export const appDeployCommand = defineCommand({
  name: 'app deploy',
  summary: 'Deploy an application file, or apply a changed one',
  help: `Usage: virtlab app deploy <file.yaml|file.json|->

Deploys the application a Compose-like file describes (name, services with image, replicas,
resources, ports, healthcheck, restart, depends_on, update and traffic) onto the hosts that run
a container platform. Deploying a file whose application already exists applies the changes: a
new image or other settings roll out, a new replica count scales. "-" reads standard input.
A bad file is refused with the field and line of the problem; nothing is deployed then.`,
  options: {},
  parse: ({ positionals }) => {
    const [file] = expectPositionals(positionals, ['<file>'], 'app deploy');
    return { file: file! };
  },
  run: async (ctx, { file }) => {
    const source = file === '-' ? (await ctx.readStdin()).toString('utf8') : await readApplicationFile(path.resolve(ctx.cwd, file));
    if (source.length > applicationFileMaxBytes) throw new UsageError(`${file} is larger than ${applicationFileMaxBytes / 1024} KiB; an application file is a few KiB`, 'app deploy');
    const view = await ctx.api.deployApplication({ source, fileName: file === '-' ? 'standard input' : path.basename(file) });
    // The CLI's own engine runs only while the command does; a running Virtlab keeps the replicas going.
    if (ctx.mode === 'in-process') ctx.note('no Virtlab has this library open: the application is saved, and its replicas start when Virtlab opens the library');
    const summary = view.services.map((s) => `${s.name} ×${s.desired} (${s.image})`).join(', ');
    return { json: view, text: `Deployed "${view.name}" {${view.id}}: ${summary}.\n\n${formatApplication(view)}` };
  },
});

async function readApplicationFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`application file not found: ${file}`, 'app deploy');
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder, not an application file`, 'app deploy');
    throw new AppError('INTERNAL', `cannot read ${file}: ${(error as Error).message}`);
  }
}

export const appListCommand = defineCommand({
  name: 'app ls',
  summary: 'List applications and their services',
  help: `Usage: virtlab app ls [--json]

One line per service: its application, image, ready replicas of those wanted, rollout state and
virtual address, as "kubectl get deployments" shows them.`,
  options: {},
  parse: ({ positionals }) => {
    expectPositionals(positionals, [], 'app ls');
    return {};
  },
  run: async ({ api }) => {
    const apps = await api.listApplications({});
    return { json: apps, text: formatApplicationList(apps) };
  },
});

export const appShowCommand = defineCommand({
  name: 'app show',
  summary: 'Show an application: services, replicas per host, events',
  help: `Usage: virtlab app show <app> [--json]

Shows each service (image, replicas ready, rollout, traffic), every replica with its host,
address, state and restarts, and the latest events.`,
  options: {},
  parse: ({ positionals }) => {
    const [app] = expectPositionals(positionals, ['<app>'], 'app show');
    return { app: app! };
  },
  run: async ({ api }, { app }) => {
    const view = await resolveApplication(api, app);
    return { json: view, text: formatApplication(view) };
  },
});

export const appScaleCommand = defineCommand({
  name: 'app scale',
  summary: 'Set how many replicas a service runs',
  help: `Usage: virtlab app scale <app> <service> <replicas>

New replicas are scheduled on the container hosts; extra ones stop (not-ready ones first).`,
  options: {},
  parse: ({ positionals }) => {
    const [app, name, count] = expectPositionals(positionals, ['<app>', '<service>', '<replicas>'], 'app scale');
    const replicas = parseOptions(z.object({ replicas: wholeNumber('<replicas>').pipe(z.number().max(applicationLimits.replicas, `<replicas> must be at most ${applicationLimits.replicas}`)) }), { replicas: count }, 'app scale').replicas;
    return { app: app!, service: service('app scale')(name!), replicas };
  },
  run: async ({ api }, input) => {
    const app = await resolveApplication(api, input.app);
    const view = await api.scaleService({ id: app.id, service: input.service, replicas: input.replicas });
    return { json: view, text: `Scaled ${view.name}/${input.service} to ${input.replicas} replica${input.replicas === 1 ? '' : 's'}.` };
  },
});

export const appRolloutCommand = defineCommand({
  name: 'app rollout',
  summary: 'Roll a service out to another image, or back (--undo)',
  help: `Usage: virtlab app rollout <app> <service> --image IMAGE
       virtlab app rollout <app> <service> --undo

Replaces the service's replicas with ones of IMAGE (e.g. nginx:1.25) a few at a time, within
its max surge and max unavailable; --undo rolls back to the previous revision's image.
"virtlab app show" follows the old and new replicas while it runs.`,
  options: { image: { type: 'string' }, undo: { type: 'boolean' } },
  parse: ({ positionals, values }) => {
    const [app, name] = expectPositionals(positionals, ['<app>', '<service>'], 'app rollout');
    const image = values['image'];
    if ((image === undefined) === (values['undo'] !== true)) throw new UsageError('give either --image IMAGE or --undo', 'app rollout');
    if (typeof image === 'string') {
      const parsed = imageRefSchema.safeParse(image);
      if (!parsed.success) throw new UsageError(`--image: ${parsed.error.issues[0]?.message ?? 'not an image'}`, 'app rollout');
      return { app: app!, service: service('app rollout')(name!), image: parsed.data };
    }
    return { app: app!, service: service('app rollout')(name!), image: undefined };
  },
  run: async ({ api }, input) => {
    const app = await resolveApplication(api, input.app);
    const view = input.image === undefined ? await api.rollbackService({ id: app.id, service: input.service }) : await api.rolloutService({ id: app.id, service: input.service, image: input.image });
    const rollout = view.services.find((s) => s.name === input.service)?.rollout;
    const what = rollout ? `${rollout.fromImage} → ${rollout.toImage} (revision ${rollout.toRevision}, max surge ${rollout.maxSurge}, max unavailable ${rollout.maxUnavailable})` : input.image ?? '';
    return { json: view, text: `${input.image === undefined ? 'Rolling back' : 'Rolling out'} ${view.name}/${input.service}: ${what}.` };
  },
});

export const appRemoveCommand = defineCommand({
  name: 'app rm',
  summary: 'Remove an application and all its replicas',
  help: `Usage: virtlab app rm <app>

Stops every replica of the application and forgets it (its file in the library is deleted).`,
  options: {},
  parse: ({ positionals }) => {
    const [app] = expectPositionals(positionals, ['<app>'], 'app rm');
    return { app: app! };
  },
  run: async ({ api }, input) => {
    const app = await resolveApplication(api, input.app);
    await api.removeApplication({ id: app.id });
    return { json: { id: app.id, name: app.name }, text: `Removed "${app.name}" {${app.id}}.` };
  },
});

export const appCommands = [appDeployCommand, appListCommand, appShowCommand, appScaleCommand, appRolloutCommand, appRemoveCommand];
