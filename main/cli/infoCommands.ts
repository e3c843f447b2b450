// `virtlab list` and `virtlab show <vm>`: the machines as a table, and one machine's full configuration.
import { defineCommand } from './commandTypes.ts';
import { formatMachineDetails, formatMachineList } from './machineText.ts';
import { expectPositionals } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';

export const listCommand = defineCommand({
  name: 'list',
  summary: 'List every machine in the library',
  help: `Usage: virtlab list [--json]

Lists every machine, ordered by name: state, OS type, vCPUs, memory, disk, platform and id.
With --json, prints the machines as a JSON array (the API's Machine objects).`,
  options: {},
  readOnly: true,
  parse: ({ positionals }) => {
    expectPositionals(positionals, [], 'list');
  },
  run: async ({ api }) => {
    const machines = await api.listMachines({});
    return { json: machines, text: formatMachineList(machines) };
  },
});

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
