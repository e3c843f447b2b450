// `virtlab import FILE`: uploads an .ova/.ovf, previews it, applies the overrides and creates the machines.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from './cliErrors.ts';
import { defineCommand } from './commandTypes.ts';
import { importChoices } from './importChoices.ts';
import { expectPositionals, parseOptions, requiredText, wholeNumber } from './optionSchemas.ts';
import { uploadAppliance } from './uploadAppliance.ts';

const optionsSchema = z.object({
  name: requiredText('--name').optional(),
  host: requiredText('--host').optional(),
  platform: requiredText('--platform').optional(),
  cpus: wholeNumber('--cpus').optional(),
  memory: wholeNumber('--memory', 'MiB').optional(),
  'keep-macs': z.boolean().default(false),
});

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Import machines from an OVA or OVF file',
  help: `Usage: virtlab import FILE [options]

Imports the machines of an .ova or .ovf file (written by Virtlab, VirtualBox, VMware and
others). Values that do not fit Virtlab are clamped and listed as warnings, as VirtualBox
does; a name already in use gets a suffix (web-01_1). Nothing is created if anything fails.

Options:
  --name NAME           Name of the imported machine (only for a file with one machine).
  --host HOST           Host to place the machines on (name or id).
  --platform PLATFORM   Platform to run them on (name or id).
  --cpus N              vCPUs of every imported machine.
  --memory MiB          Memory of every imported machine.
  --keep-macs           Keep the MAC addresses in the file (default: new ones, as for a copy).`,
  options: {
    name: { type: 'string' },
    host: { type: 'string' },
    platform: { type: 'string' },
    cpus: { type: 'string' },
    memory: { type: 'string' },
    'keep-macs': { type: 'boolean' },
  },
  parse: ({ values, positionals }) => {
    const [file] = expectPositionals(positionals, ['FILE (an .ova or .ovf file)'], 'import');
    if (!/\.(ova|ovf)$/i.test(file!)) throw new UsageError(`${JSON.stringify(file)} is not an .ova or .ovf file`, 'import');
    const options = parseOptions(optionsSchema, values, 'import');
    return { file: file!, overrides: { ...options, keepMacs: options['keep-macs'] } };
  },
  run: async ({ api, cwd, note }, { file, overrides }) => {
    const uploadId = await uploadAppliance(api, path.resolve(cwd, file));
    let committed = false;
    try {
      const preview = await api.readImport({ uploadId, operationId: randomUUID() });
      const hosts = overrides.host !== undefined || overrides.platform !== undefined ? await api.listHosts({}) : [];
      const systems = importChoices(preview, hosts, overrides);
      const result = await api.commitImport({ uploadId, systems, operationId: randomUUID() });
      committed = true;
      // The result repeats each system's preview warnings under the name it was given.
      const warnings = result.warnings;
      for (const warning of warnings) note(`warning: ${warning}`);
      const manifest = preview.hasManifest ? (preview.manifestVerified ? 'manifest verified' : 'manifest NOT verified') : 'no manifest';
      const lines = [
        `Imported ${result.machines.length} machine${result.machines.length === 1 ? '' : 's'} from ${path.basename(file)} (${preview.format.toUpperCase()}, ${manifest}):`,
        ...result.machines.map((machine) => `  "${machine.name}" {${machine.id}}: ${machine.vcpus} vCPUs, ${machine.memoryMiB} MiB, ${machine.diskGiB} GiB on ${machine.platformId}`),
      ];
      return { json: { machines: result.machines, warnings, manifestVerified: preview.manifestVerified }, text: lines.join('\n') };
    } finally {
      // commitImport ends the upload itself; anything else leaves it to be dropped here.
      if (!committed) await api.cancelImport({ uploadId }).catch(() => undefined);
    }
  },
});
