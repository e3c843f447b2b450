// `virtlab modify <vm>`: VBoxManage modifyvm's everyday options (name, OS, CPUs, memory, disk, NICs) over updateSettings.
import { z } from 'zod';
import { machineLimits } from '../../shared/domain/machine.ts';
import type { NicConfig, NicSpec } from '../../shared/domain/network.ts';
import { attachmentKinds, nicLimits } from '../../shared/domain/network.ts';
import { osTypeIds } from '../../shared/domain/osTypes.ts';
import { settingsPatchSchema } from '../../shared/domain/machineConfig.ts';
import type { SettingsPatch } from '../../shared/domain/machineConfig.ts';
import { workloadNames } from '../../shared/domain/virtualization.ts';
import { UsageError } from './cliErrors.ts';
import type { OptionSpecs } from './argv.ts';
import { defineCommand } from './commandTypes.ts';
import { checkAgainstContract, choice, expectPositionals, parseOptions, requiredText, wholeNumber } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';

const nicSlots = Array.from({ length: nicLimits.max }, (_, index) => index + 1);
/** What `--nicN` accepts, lower-case as VBoxManage users type it; "none" removes the adapter. */
const nicWords: [string, ...string[]] = ['none', ...attachmentKinds.map((kind) => kind.toLowerCase())];

const optionsSchema = z.object({
  name: requiredText('--name').optional(),
  os: choice('--os', osTypeIds).optional(),
  cpus: wholeNumber('--cpus').optional(),
  memory: wholeNumber('--memory', 'MiB').optional(),
  disk: wholeNumber('--disk', 'GiB').optional(),
  workload: choice('--workload', workloadNames).optional(),
  ...Object.fromEntries(nicSlots.map((slot) => [`nic${slot}`, z.string().transform((word) => word.toLowerCase()).pipe(choice(`--nic${slot}`, nicWords)).optional()])),
});

const optionOf = { name: '--name', osType: '--os', vcpus: '--cpus', memoryMiB: '--memory', diskGiB: '--disk', workload: '--workload', nics: '--nicN' };

type NicChanges = ReadonlyMap<number, string>;

/** The adapter list with `--nicN` applied: a new attachment gets that attachment's network; "none" removes adapter N. */
export function applyNicChanges(current: readonly NicConfig[], changes: NicChanges): NicSpec[] {
  const bySlot = new Map<number, NicSpec>(
    current.map((nic) => [nic.slot, { attachment: nic.attachment, networkId: nic.networkId, mac: nic.mac, ipMode: nic.ipMode, ...(nic.ipMode === 'static' && { staticIp: nic.ip }) }]),
  );
  for (const [slot, word] of changes) {
    if (word === 'none') {
      bySlot.delete(slot);
      continue;
    }
    const attachment = attachmentKinds.find((kind) => kind.toLowerCase() === word)!;
    const existing = bySlot.get(slot);
    if (existing?.attachment === attachment) continue;
    bySlot.set(slot, { ...(existing?.mac !== undefined && { mac: existing.mac }), attachment, ipMode: 'dhcp' });
  }
  return [...bySlot.entries()].sort(([a], [b]) => a - b).map(([, nic]) => nic);
}

export const modifyCommand = defineCommand({
  name: 'modify',
  summary: "Change a machine's name, OS type, vCPUs, memory, disk size, workload or network adapters",
  help: `Usage: virtlab modify <vm> [options]

Changes a machine's configuration under the same rules as the Settings dialog: most
changes need the machine powered off; the message says why when one is refused, and a
refused change changes nothing. Like VBoxManage modifyvm.

Options:
  --name NAME       New name (unique, case-insensitive).
  --os OS           OS type (see "virtlab list ostypes").
  --cpus N          vCPUs, ${machineLimits.vcpus.min}..${machineLimits.vcpus.max}.
  --memory MiB      Memory in MiB, ${machineLimits.memoryMiB.min}..${machineLimits.memoryMiB.max}.
  --disk GiB        Disk size in GiB (disks only grow).
  --workload W      ${workloadNames.join(', ')}.
  --nic1..--nic${nicLimits.max} A    Adapter N's attachment: ${nicWords.join(', ')} ("none" removes it; the
                    adapters after it move up one slot). A changed adapter gets the
                    attachment's network and DHCP; its MAC address stays.

Virtlab machines have no description field, so there is no --description.

Example:
  virtlab modify web-01 --cpus 4 --memory 4096 --nic2 hostonly`,
  options: {
    name: { type: 'string' },
    os: { type: 'string' },
    cpus: { type: 'string' },
    memory: { type: 'string' },
    disk: { type: 'string' },
    workload: { type: 'string' },
    ...Object.fromEntries(nicSlots.map((slot) => [`nic${slot}`, { type: 'string' } as const])),
  } satisfies OptionSpecs,
  parse: ({ values, positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'modify');
    const options = parseOptions(optionsSchema, values, 'modify') as z.output<typeof optionsSchema> & Record<string, string | undefined>;
    const nics = new Map(nicSlots.flatMap((slot) => (options[`nic${slot}`] === undefined ? [] : [[slot, options[`nic${slot}`]!] as const])));
    const patch: SettingsPatch = {
      ...(options.name !== undefined && { name: options.name }),
      ...(options.os !== undefined && { osType: options.os }),
      ...(options.cpus !== undefined && { vcpus: options.cpus }),
      ...(options.memory !== undefined && { memoryMiB: options.memory }),
      ...(options.disk !== undefined && { diskGiB: options.disk }),
      ...(options.workload !== undefined && { workload: options.workload }),
    };
    if (Object.keys(patch).length === 0 && nics.size === 0) throw new UsageError('nothing to change; give at least one option, e.g. --cpus 2', 'modify');
    checkAgainstContract(settingsPatchSchema, patch, optionOf, 'modify');
    return { vm: vm!, patch, nics };
  },
  run: async ({ api }, { vm, patch, nics }) => {
    const machine = await resolveMachine(api, vm);
    const full: SettingsPatch = nics.size === 0 ? patch : { ...patch, nics: applyNicChanges((await api.getMachineConfig({ id: machine.id })).nics, nics) };
    if (full.nics?.length === 0) throw new UsageError('a machine needs at least one network adapter; keep one of --nic1..--nic4', 'modify');
    const changed = await api.updateSettings({ id: machine.id, patch: full });
    return { json: changed, text: `Modified "${changed.name}" {${changed.id}}: ${changed.vcpus} vCPUs, ${changed.memoryMiB} MiB, ${changed.diskGiB} GiB, ${changed.osType}.` };
  },
});
