// `virtlab host maintenance|exit-maintenance|fail|power-on|power-off <host>`: host power states of the running Virtlab.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { AppApi } from '../../shared/api/methods.ts';
import type { HostAction, HostStatus } from '../../shared/domain/datacenter.ts';
import type { CliCommand, CliContext } from './commandTypes.ts';
import { defineCommand } from './commandTypes.ts';
import { formatHostStatus, formatOperation } from './datacenterText.ts';
import { expectPositionals, parseOptions } from './optionSchemas.ts';
import { waitForOperation } from './waitForDatacenter.ts';

const same = (a: string, b: string): boolean => a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

export async function resolveHostStatus(api: AppApi, ref: string): Promise<HostStatus> {
  const hosts = (await api.getDatacenter({})).hosts;
  const matches = hosts.filter((h) => h.hostId === ref.trim() || same(h.name, ref));
  if (matches.length === 1) return matches[0]!;
  const known = hosts.map((h) => `${h.name} (${h.hostId})`).join(', ');
  if (matches.length === 0) throw new AppError('NOT_FOUND', `no host is named or has the id "${ref}"; the hosts are ${known}`);
  throw new AppError('CONFLICT', `"${ref}" matches several hosts; give the id instead`);
}

/** Host states live in the running Virtlab: a CLI-only engine would forget them when the command ends. */
function requireRunning(ctx: CliContext, what: string): void {
  if (ctx.mode === 'connected') return;
  throw new AppError('INVALID_STATE', `cannot ${what}: no Virtlab is running on the library ${ctx.libraryDir}, and hosts exist only while it runs. Start Virtlab on this library and run the command again`);
}

function hostCommand(word: string, action: HostAction, summary: string, detail: string, waits: boolean): CliCommand {
  return defineCommand({
    name: `host ${word}`,
    summary,
    help: `Usage: virtlab host ${word} <host>${waits ? ' [--wait]' : ''}

${detail}${waits ? '\n\nOptions:\n  --wait    Return once every guest has moved (or was found unable to), with what happened.' : ''}`,
    options: waits ? { wait: { type: 'boolean' } } : {},
    parse: ({ values, positionals }) => {
      const [host] = expectPositionals(positionals, ['<host>'], `host ${word}`);
      return { host: host!, ...parseOptions(z.object({ wait: z.boolean().default(false) }), values, `host ${word}`) };
    },
    run: async (ctx, { host, wait }: { host: string; wait: boolean }) => {
      const status = await resolveHostStatus(ctx.api, host);
      requireRunning(ctx, `${word.replace('-', ' ')} "${status.name}"`);
      const result = await ctx.api.hostAction({ hostId: status.hostId, action });
      if (result.operation && wait) {
        const op = await waitForOperation(ctx.api, result.operation.id);
        return { json: { ...result, operation: op }, text: `${formatHostStatus(result.host)}\n${formatOperation(op)}` };
      }
      const more = result.operation ? `\n${formatOperation(result.operation)}` : '';
      return { json: result, text: `${formatHostStatus(result.host)}${more}` };
    },
  });
}

export const hostCommands: readonly CliCommand[] = [
  hostCommand('maintenance', 'maintenance', 'Put a host in maintenance: evacuate its guests, take no new ones', 'Puts a host in maintenance mode: every guest moves to another host by migration (those that\ncannot are listed with why), and the host accepts no new guests until "host exit-maintenance".', true),
  hostCommand('exit-maintenance', 'exitMaintenance', 'Take a host out of maintenance', 'Lets the host accept guests again.', false),
  hostCommand('fail', 'fail', 'Fail a host (abrupt power loss): its guests become Aborted', 'Simulates an abrupt power loss: every guest on the host is Aborted at once. When HA is on\nfor its cluster, they are restarted on other hosts by restart priority while capacity lasts.', false),
  hostCommand('power-on', 'powerOn', 'Power a host on (also a failed one, once repaired)', 'Powers an off or failed host on.', false),
  hostCommand('power-off', 'powerOff', 'Power an empty host off', 'Powers a host off; refused while a guest runs there.', false),
];
