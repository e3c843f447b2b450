// `virtlab start|stop|acpi-shutdown|pause|resume <vm>`: only meaningful against a running Virtlab, since a machine runs only while one is open.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { CliContext } from './commandTypes.ts';
import type { OptionSpecs } from './argv.ts';
import { defineCommand } from './commandTypes.ts';
import { expectPositionals, parseOptions } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';
import { waitForState } from './waitForState.ts';

const parsePower = (command: string) => (args: { values: Readonly<Record<string, string | boolean>>; positionals: readonly string[] }) => {
  const [vm] = expectPositionals(args.positionals, ['<vm>'], command);
  const { wait } = parseOptions(z.object({ wait: z.boolean().default(false) }), args.values, command);
  return { vm: vm!, wait };
};

/** In-process, the engine lives only as long as this command: a started machine would be gone when it exits. */
function requireRunningVirtlab(ctx: CliContext, action: string, name: string): void {
  if (ctx.mode === 'connected') return;
  throw new AppError(
    'INVALID_STATE',
    `cannot ${action} "${name}": no Virtlab is running on the library ${ctx.libraryDir}, and machines run only while Virtlab is open. ` +
      `Start Virtlab on this library (e.g. npm run web -- --library ${ctx.libraryDir}) and run the command again`,
  );
}

export const startCommand = defineCommand({
  name: 'start',
  summary: 'Power a machine on (needs a running Virtlab)',
  help: `Usage: virtlab start <vm> [--wait]

Powers a machine on in the Virtlab that has this library open (the CLI connects to it).
Without a running Virtlab this fails: machines run only while Virtlab is open, and a machine
started by the CLI alone would stop when the command ends.

Options:
  --wait    Return once the machine is Running (at most 60 s), not as soon as it is Starting.`,
  options: { wait: { type: 'boolean' } },
  parse: parsePower('start'),
  run: async (ctx, { vm, wait }) => {
    const machine = await resolveMachine(ctx.api, vm);
    requireRunningVirtlab(ctx, 'start', machine.name);
    const started = await ctx.api.startMachine({ id: machine.id });
    const final = wait ? await waitForState(ctx.api, machine.id, ['Running', 'PoweredOff']) : started;
    if (wait && final.state !== 'Running') throw new AppError('INVALID_STATE', `"${machine.name}" did not come up; it is ${final.state}. Run "virtlab show ${machine.id}" for details`);
    return { json: final, text: `"${machine.name}" is ${final.state === 'Running' ? 'running' : 'starting'}.` };
  },
});

const stop = {
  summary: 'Shut a machine down (needs a running Virtlab)',
  help: `Usage: virtlab stop <vm> [--wait]

Asks a running, starting or paused machine to shut down the way its kind does (the ACPI power
button for virtual machines, SIGTERM then SIGKILL after 10 s for containers, exit for process VMs).
A guest may ignore the power button (no ACPI support, or busy): the command then fails and says
why; "virtlab poweroff <vm>" cuts the power instead.

Options:
  --wait    Return once the machine is Powered Off (at most 60 s).`,
  options: { wait: { type: 'boolean' } } satisfies OptionSpecs,
  run: async (ctx: CliContext, { vm, wait }: { vm: string; wait: boolean }) => {
    const machine = await resolveMachine(ctx.api, vm);
    if (machine.state === 'PoweredOff') throw new AppError('INVALID_STATE', `"${machine.name}" is not running (it is powered off)`);
    const stopping = await ctx.api.stopMachine({ id: machine.id }).catch((error: unknown) => {
      // The guest ignored the request (no ACPI support, busy): say which command cuts the power instead.
      if (error instanceof AppError && error.field === 'shutdown') throw new AppError(error.code, error.message.replace(/Use Power Off to cut its power$/, `Run "virtlab poweroff ${vm}" to cut its power`), error.field);
      throw error;
    });
    const final = wait ? await waitForState(ctx.api, machine.id, ['PoweredOff']) : stopping;
    return { json: final, text: `"${machine.name}" is ${final.state === 'PoweredOff' ? 'powered off' : 'stopping'}.` };
  },
};

export const stopCommand = defineCommand({ ...stop, name: 'stop', parse: parsePower('stop') });

/** VBoxManage's `controlvm VM acpipowerbutton`: the same guest-driven shutdown as stop (Virtlab's stop is ACPI-like). */
export const acpiShutdownCommand = defineCommand({
  ...stop,
  name: 'acpi-shutdown',
  summary: 'Press the ACPI power button: the guest shuts down, or ignores it (same as stop)',
  help: stop.help.replace('virtlab stop', 'virtlab acpi-shutdown').replace('Shuts a running', 'Presses the ACPI power button: the guest shuts down (about 3 simulated seconds). Same as\n"virtlab stop". Shuts a running'),
  parse: parsePower('acpi-shutdown'),
});

const pauseOrResume = (verb: 'pause' | 'resume') =>
  defineCommand({
    name: verb,
    summary: verb === 'pause' ? 'Pause a running machine (needs a running Virtlab)' : 'Resume a paused machine (needs a running Virtlab)',
    help: `Usage: virtlab ${verb} <vm>

${verb === 'pause' ? 'Pauses a running machine: its vCPUs stop being scheduled, its memory stays allocated.' : 'Resumes a paused machine.'}
Needs the Virtlab that has this library open (a machine runs only while Virtlab is open).`,
    options: {},
    parse: ({ positionals }) => ({ vm: expectPositionals(positionals, ['<vm>'], verb)[0]! }),
    run: async (ctx, { vm }) => {
      const machine = await resolveMachine(ctx.api, vm);
      requireRunningVirtlab(ctx, verb, machine.name);
      const changed = verb === 'pause' ? await ctx.api.pauseMachine({ id: machine.id }) : await ctx.api.resumeMachine({ id: machine.id });
      return { json: changed, text: `"${machine.name}" is ${changed.state === 'Paused' ? 'paused' : changed.state === 'Running' ? 'running' : changed.state}.` };
    },
  });

export const pauseCommand = pauseOrResume('pause');
export const resumeCommand = pauseOrResume('resume');
