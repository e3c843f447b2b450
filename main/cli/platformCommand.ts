// `virtlab platform install`: installs a hypervisor in a machine (a type 0 partition) or an application VMM on a host OS.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { installPlatformSpecSchema } from '../../shared/domain/platforms.ts';
import { platformKinds } from '../../shared/domain/virtualization.ts';
import { UsageError } from './cliErrors.ts';
import { defineCommand } from './commandTypes.ts';
import { checkAgainstContract, choice, expectPositionals, parseOptions, requiredText } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';

export const platformInstallCommand = defineCommand({
  name: 'platform install',
  summary: 'Install a hypervisor in a machine (e.g. KVM in a type 0 partition)',
  help: `Usage: virtlab platform install --kind KIND --name NAME (--in <vm> | --on <platform>) [--os OS]

Installs a platform where the engine's nesting rules allow it and prints the refusal, with its
reason, where they do not (a type 1 inside a type 1 virtual machine is refused). Machines can then
be created on it ("virtlab create --platform NAME"); it stays installed across restarts.

Options:
  --kind KIND      ${platformKinds.join(', ')}
  --name NAME      The platform's name (unique).
  --in <vm>        The machine to install it in (a type 0 partition), by name or id.
  --on <platform>  The platform to install it on (an application VMM on a host OS), by name or id.
  --os OS          hostOs / type1hosted: linux (default), windows, macos or bsd.`,
  options: { kind: { type: 'string' }, name: { type: 'string' }, in: { type: 'string' }, on: { type: 'string' }, os: { type: 'string' } },
  parse: ({ values, positionals }) => {
    expectPositionals(positionals, [], 'platform install');
    const options = parseOptions(
      z.object({
        kind: z.string({ error: 'missing --kind' }).pipe(choice('--kind', platformKinds)),
        name: requiredText('--name'),
        in: z.string().optional(),
        on: z.string().optional(),
        os: choice('--os', ['linux', 'windows', 'macos', 'bsd'] as const).optional(),
      }),
      values,
      'platform install',
    );
    if ((options.in === undefined) === (options.on === undefined)) throw new UsageError('give exactly one of --in <vm> and --on <platform>', 'platform install');
    return options;
  },
  run: async ({ api }, options) => {
    let on: { guest: string } | { platform: string };
    if (options.in !== undefined) on = { guest: (await resolveMachine(api, options.in)).id };
    else {
      const ref = options.on!.trim().toLocaleLowerCase('en');
      const platforms = (await api.listHosts({})).flatMap((host) => host.platforms);
      const platform = platforms.find((p) => p.id === options.on || p.name.toLocaleLowerCase('en') === ref);
      if (!platform) throw new UsageError(`no platform is named or has the id "${options.on}"; "virtlab list platforms" shows them`, 'platform install');
      on = { platform: platform.id };
    }
    const spec = checkAgainstContract(installPlatformSpecSchema, { name: options.name, kind: options.kind, on, ...(options.os ? { os: options.os } : {}) }, { name: '--name', kind: '--kind', os: '--os' }, 'platform install');
    const hosts = await api.installPlatform(spec).catch((error: unknown) => {
      // The nesting rules refusing a place is a failed operation (exit 1), not a mistyped command.
      if (error instanceof AppError && error.field === 'on') throw new AppError('INVALID_STATE', error.message);
      throw error;
    });
    const installed = hosts.flatMap((host) => host.platforms).find((p) => p.name === spec.name.trim());
    return { json: installed ?? null, text: `Installed ${spec.kind} platform "${spec.name.trim()}" {${installed?.id ?? '?'}}: ${installed?.chain.join(' > ') ?? ''}` };
  },
});
