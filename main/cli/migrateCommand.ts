// `virtlab migrate <vm> --to <host>`: live (pre-copy) migration of a running machine, a cold move of a powered-off one.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { MigrationCandidate } from '../../shared/domain/datacenter.ts';
import { defineCommand } from './commandTypes.ts';
import { formatMigration } from './datacenterText.ts';
import { expectPositionals, parseOptions, requiredText, wholeNumber } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';
import { waitForMigration } from './waitForDatacenter.ts';

const same = (a: string, b: string): boolean => a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

/** The candidate on the host (or the platform) the user named; the message lists where it could go. */
export function findCandidate(candidates: readonly MigrationCandidate[], ref: string, machineName: string): MigrationCandidate {
  const matches = candidates.filter((c) => c.hostId === ref.trim() || same(c.hostName, ref) || c.platformId === ref.trim() || same(c.platformName, ref));
  if (matches.length === 1) return matches[0]!;
  const known = candidates.map((c) => `${c.hostName} (${c.hostId})`).join(', ');
  if (matches.length === 0) throw new AppError('NOT_FOUND', `"${machineName}" cannot go to "${ref}": no platform of its kind runs there. It could go to ${known || 'no other host'}`);
  throw new AppError('CONFLICT', `"${ref}" matches several platforms (${matches.map((c) => c.platformId).join(', ')}); give the platform id`);
}

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Move a machine to another host: live while it runs, cold when powered off',
  help: `Usage: virtlab migrate <vm> --to <host> [--max-rounds N] [--max-downtime MS] [--detach]

Moves a machine to another host (named by id or name). A running machine migrates live by
pre-copy: all memory is copied while it runs, then rounds copy what it dirtied meanwhile,
until the rest fits the downtime goal (or the round limit is reached), then it is stopped,
the rest copied and it resumes on the new host with the same MAC and IP. A container moves by
checkpoint/restore; a powered-off machine moves cold. Disks are copied first unless both
hosts share the cluster's storage. Prints the rounds, total time and downtime.

Options:
  --to HOST            Target host (or platform) id or name.
  --max-rounds N       Pre-copy round limit (default 30).
  --max-downtime MS    Stop and copy once the rest can be sent within this long (default 30).
  --detach             Return once the migration started (needs a running Virtlab).

Example:
  virtlab migrate web-01 --to "Rack 02"`,
  options: { to: { type: 'string' }, 'max-rounds': { type: 'string' }, 'max-downtime': { type: 'string' }, detach: { type: 'boolean' } },
  parse: ({ values, positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'migrate');
    const options = parseOptions(
      z.object({
        to: requiredText('--to'),
        'max-rounds': wholeNumber('--max-rounds').optional(),
        'max-downtime': wholeNumber('--max-downtime', 'ms').optional(),
        detach: z.boolean().default(false),
      }),
      values,
      'migrate',
    );
    return { vm: vm!, to: options.to, maxRounds: options['max-rounds'], maxDowntimeMs: options['max-downtime'], detach: options.detach };
  },
  run: async (ctx, input) => {
    const machine = await resolveMachine(ctx.api, input.vm);
    const plan = await ctx.api.planMigration({ id: machine.id });
    const target = findCandidate(plan.candidates, input.to, machine.name);
    if (input.detach && ctx.mode !== 'connected') {
      throw new AppError('INVALID_STATE', `--detach needs a running Virtlab on the library ${ctx.libraryDir}: without one the move stops when this command ends`);
    }
    const started = await ctx.api.startMigration({
      id: machine.id,
      platformId: target.platformId,
      ...(input.maxRounds === undefined ? {} : { maxRounds: input.maxRounds }),
      ...(input.maxDowntimeMs === undefined ? {} : { maxDowntimeMs: input.maxDowntimeMs }),
    });
    const hosts = new Map((await ctx.api.getDatacenter({})).hosts.map((h) => [h.hostId, h.name]));
    const hostName = (id: string) => hosts.get(id) ?? id;
    if (input.detach) return { json: started, text: `Migrating "${machine.name}" to ${hostName(started.toHostId)} (${started.id}).` };
    const ended = await waitForMigration(ctx.api, started.id);
    if (ended.phase !== 'done') throw new AppError('INVALID_STATE', `the migration of "${machine.name}" ${ended.phase}: ${ended.message ?? 'no reason given'}`);
    return { json: ended, text: formatMigration(ended, hostName) };
  },
});
