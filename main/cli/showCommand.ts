// `virtlab show <vm>`: one machine's full configuration and snapshots.
import { defineCommand } from './commandTypes.ts';
import { formatMachineDetails } from './machineText.ts';
import { expectPositionals } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';

export const showCommand = defineCommand({
  name: 'show',
  summary: "Show a machine's configuration and snapshots",
  help: `Usage: virtlab show <vm> [--json]

Shows one machine (by name, case-insensitive, or id): state, OS, placement, vCPUs, memory,
disk, network adapters, optical drive, clone origin and the snapshot tree.
With --json, prints {"machine", "config", "snapshots"} as the API returns them.`,
  options: {},
  readOnly: true,
  parse: ({ positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'show');
    return { vm: vm! };
  },
  run: async ({ api }, { vm }) => {
    const machine = await resolveMachine(api, vm);
    const [config, snapshots] = await Promise.all([api.getMachineConfig({ id: machine.id }), api.listSnapshots({ id: machine.id })]);
    const details = { machine, config, snapshots };
    return { json: details, text: formatMachineDetails(details) };
  },
});
