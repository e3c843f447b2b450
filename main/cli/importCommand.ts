// `virtlab import FILE|-`: uploads an .ova/.ovf (or stdin), previews it, applies the overrides and creates the machines.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { AppApi } from '../../shared/api/methods.ts';
import type { ImportChoice, ImportPreview } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';
import type { Section } from './argv.ts';
import { ApplianceRefusedError, UsageError } from './cliErrors.ts';
import type { CliContext } from './commandTypes.ts';
import { defineCommand } from './commandTypes.ts';
import { importChoices } from './importChoices.ts';
import type { ImportOverrides, SystemOverrides } from './importChoices.ts';
import { expectPositionals, parseOptions, requiredText, wholeNumber } from './optionSchemas.ts';
import { stdinSource, uploadAppliance, uploadSource } from './uploadAppliance.ts';

const systemSchema = z.object({
  name: requiredText('--name').optional(),
  host: requiredText('--host').optional(),
  platform: requiredText('--platform').optional(),
  cpus: wholeNumber('--cpus').optional(),
  memory: wholeNumber('--memory', 'MiB').optional(),
});
const optionsSchema = systemSchema.extend({ 'keep-macs': z.boolean().default(false), 'dry-run': z.boolean().default(false) });
const sectionSchema = systemSchema.extend({ exclude: z.boolean().default(false) });

function parseSections(sections: readonly Section[]): Map<number, SystemOverrides & { exclude: boolean }> {
  const systems = new Map<number, SystemOverrides & { exclude: boolean }>();
  for (const { key, values } of sections) {
    if (!/^\d{1,4}$/.test(key)) throw new UsageError(`--vsys must be a system number (0, 1, ...), not "${key.slice(0, 20)}"`, 'import');
    const index = Number(key);
    if (systems.has(index)) throw new UsageError(`--vsys ${index} was given more than once`, 'import');
    const forbidden = Object.keys(values).find((name) => name === 'keep-macs' || name === 'dry-run');
    if (forbidden !== undefined) throw new UsageError(`--${forbidden} applies to the whole import; put it before the first --vsys`, 'import');
    systems.set(index, parseOptions(sectionSchema, values, 'import'));
  }
  return systems;
}

/** The file itself was refused (not an appliance, damaged, hostile): exit code 4, whatever code the backend used. */
async function previewOrRefuse(api: AppApi, uploadId: string): Promise<ImportPreview> {
  try {
    return await api.readImport({ uploadId, operationId: randomUUID() });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'BAD_REQUEST')) throw new ApplianceRefusedError(error.message);
    throw error;
  }
}

async function upload(ctx: CliContext, file: string): Promise<{ uploadId: string; label: string }> {
  if (file !== '-') return { uploadId: await uploadAppliance(ctx.api, path.resolve(ctx.cwd, file)), label: path.basename(file) };
  const source = stdinSource(await ctx.readStdin());
  if (source === undefined) throw new ApplianceRefusedError('standard input is neither an OVA (tar archive) nor an OVF (XML) appliance');
  return { uploadId: await uploadSource(ctx.api, source), label: 'standard input' };
}

const describeChoice = (choice: ImportChoice, index: number): string =>
  `  ${index}: "${choice.name}": ${choice.include ? `${choice.vcpus} vCPUs, ${choice.memoryMiB} MiB, ${choice.diskGiB} GiB, ${choice.osType} on ${choice.platformId}` : 'excluded'}`;

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Import machines from an OVA or OVF file (or stdin)',
  help: `Usage: virtlab import FILE|- [options] [--vsys N [system options]]...

Imports the machines of an .ova or .ovf file (written by Virtlab, VirtualBox, VMware and
others); "-" reads the appliance from standard input. Values that do not fit Virtlab are
clamped and listed as warnings, as VirtualBox does; a name already in use gets a suffix
(web-01_1). Nothing is created if anything fails. A file Virtlab refuses (damaged, not an
appliance, unsafe) exits with code 4.

Options:
  --dry-run             Show what would be imported (names, sizes, warnings); create nothing.
  --name NAME           Name of the imported machine (only for a file with one machine).
  --host HOST           Host to place the machines on (name or id).
  --platform PLATFORM   Platform to run them on (name or id).
  --cpus N              vCPUs of every imported machine.
  --memory MiB          Memory of every imported machine.
  --keep-macs           Keep the MAC addresses in the file (default: new ones, as for a copy).

System options (after --vsys N; systems are numbered from 0, see --dry-run):
  --name, --host, --platform, --cpus, --memory   As above, for system N only.
  --exclude                                      Do not import system N.

Examples:
  virtlab import lab.ova --dry-run
  virtlab import lab.ova --vsys 0 --name web-a --cpus 2 --vsys 1 --exclude
  virtlab export web-01 -o - | virtlab --library other import -`,
  options: {
    name: { type: 'string' },
    host: { type: 'string' },
    platform: { type: 'string' },
    cpus: { type: 'string' },
    memory: { type: 'string' },
    'keep-macs': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    exclude: { type: 'boolean' },
    vsys: { type: 'string', startsSection: true },
  },
  parse: ({ values, positionals, sections }) => {
    const [file] = expectPositionals(positionals, ['FILE (an .ova or .ovf file, or - for standard input)'], 'import');
    if (file !== '-' && !/\.(ova|ovf)$/i.test(file!)) throw new UsageError(`${JSON.stringify(file)} is not an .ova or .ovf file`, 'import');
    if (values['exclude'] !== undefined) throw new UsageError('--exclude applies to one system: put it after --vsys N', 'import');
    const options = parseOptions(optionsSchema, values, 'import');
    const overrides: ImportOverrides = { ...options, keepMacs: options['keep-macs'], systems: parseSections(sections) };
    return { file: file!, overrides, dryRun: options['dry-run'] };
  },
  run: async (ctx, { file, overrides, dryRun }) => {
    const { api, note } = ctx;
    const { uploadId, label } = await upload(ctx, file);
    let committed = false;
    try {
      const preview = await previewOrRefuse(api, uploadId);
      const placing = [overrides, ...(overrides.systems?.values() ?? [])].some((o) => o.host !== undefined || o.platform !== undefined);
      const systems = importChoices(preview, placing ? await api.listHosts({}) : [], overrides);
      const manifest = preview.hasManifest ? (preview.manifestVerified ? 'manifest verified' : 'manifest NOT verified') : 'no manifest';
      if (dryRun) {
        for (const warning of preview.systems.flatMap((system) => system.warnings)) note(`warning: ${warning}`);
        const lines = [`Would import from ${label} (${preview.format.toUpperCase()}, ${manifest}):`, ...systems.map(describeChoice)];
        return { json: { dryRun: true, format: preview.format, manifestVerified: preview.manifestVerified, systems, warnings: preview.systems.flatMap((s) => s.warnings) }, text: lines.join('\n') };
      }
      const result = await api.commitImport({ uploadId, systems, operationId: randomUUID() });
      committed = true;
      // The result repeats each system's preview warnings under the name it was given.
      for (const warning of result.warnings) note(`warning: ${warning}`);
      const lines = [
        `Imported ${result.machines.length} machine${result.machines.length === 1 ? '' : 's'} from ${label} (${preview.format.toUpperCase()}, ${manifest}):`,
        ...result.machines.map((machine) => `  "${machine.name}" {${machine.id}}: ${machine.vcpus} vCPUs, ${machine.memoryMiB} MiB, ${machine.diskGiB} GiB on ${machine.platformId}`),
      ];
      return { json: { machines: result.machines, warnings: result.warnings, manifestVerified: preview.manifestVerified }, text: lines.join('\n') };
    } finally {
      // commitImport ends the upload itself; anything else (a dry run, a refusal) leaves it to be dropped here.
      if (!committed) await api.cancelImport({ uploadId }).catch(() => undefined);
    }
  },
});
