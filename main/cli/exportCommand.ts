// `virtlab export <vm>... -o FILE`: OVA, OVF (+ manifest) or JSON by the file's extension, written next to FILE.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { exportBaseNameSchema } from '../../shared/domain/appliance.ts';
import type { ExportFormat } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';
import { UsageError } from './cliErrors.ts';
import { defineCommand } from './commandTypes.ts';
import { singleFileBytes, writeExportedFiles } from '../node/exportFiles.ts';
import { choice, parseOptions } from './optionSchemas.ts';
import { findMachine } from './resolveMachine.ts';
import { formatBytes } from './table.ts';

const optionsSchema = z.object({
  output: z.string({ error: 'missing -o FILE (a .ova, .ovf or .json file to write, or - for standard output)' }),
  format: choice('--format', ['ova', 'json']).optional(),
  'ovf-version': choice('--ovf-version', ['1.0', '2.0']).optional(),
  'no-manifest': z.boolean().default(false),
  force: z.boolean().default(false),
});

/** "out/web.ova" → format ova, base name "web", folder "out" (relative folders are resolved later, against the cwd). */
export function exportTarget(output: string): { format: ExportFormat; baseName: string; dir: string; stdout: boolean } {
  const match = /^(.*)\.(ova|ovf|json)$/i.exec(path.basename(output));
  if (!match) throw new UsageError(`-o ${JSON.stringify(output)}: the file name must end in .ova, .ovf or .json`, 'export');
  const base = exportBaseNameSchema.safeParse(match[1]);
  if (!base.success) throw new UsageError(`-o ${JSON.stringify(output)}: ${base.error.issues[0]?.message ?? 'not a usable file name'}`, 'export');
  return { format: match[2]!.toLowerCase() as ExportFormat, baseName: base.data, dir: path.dirname(output), stdout: false };
}

/** `-o -`: one file on standard output, so an OVA (the default) or JSON; an OVF needs its manifest beside it. */
function stdoutTarget(format: 'ova' | 'json' | undefined): ReturnType<typeof exportTarget> {
  return { format: format ?? 'ova', baseName: 'virtlab-export', dir: '.', stdout: true };
}

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Export machines to OVA, OVF or JSON',
  help: `Usage: virtlab export <vm>... -o FILE|- [--format ova|json] [--ovf-version 1.0|2.0] [--no-manifest] [--force]

Exports one or more machines. The format follows FILE's extension:
  .ova    one OVA archive (descriptor first, then the manifest)
  .ovf    FILE plus FILE's name with .mf (the manifest) in the same folder
  .json   a plain JSON export of the configurations
With -o -, the OVA (or, with --format json, the JSON) is written to standard output.

Options:
  -o, --output FILE     File to write (its folder must exist), or - for standard output.
  --format F            With -o -: ova (default) or json.
  --ovf-version V       1.0 (default; SHA-1 manifest, as VirtualBox writes) or 2.0 (SHA-256).
  --no-manifest         Leave the manifest out.
  --force               Overwrite files that exist.`,
  options: {
    output: { type: 'string', short: 'o' },
    format: { type: 'string' },
    'ovf-version': { type: 'string' },
    'no-manifest': { type: 'boolean' },
    force: { type: 'boolean' },
  },
  readOnly: true,
  parse: ({ values, positionals }) => {
    if (positionals.length === 0) throw new UsageError('missing <vm>: name at least one machine to export', 'export');
    const options = parseOptions(optionsSchema, values, 'export');
    if (options.format !== undefined && options.output !== '-') throw new UsageError('--format is for -o - only; otherwise the file name\'s extension picks the format', 'export');
    if (options.output === '-' && options.force) throw new UsageError('--force has nothing to overwrite with -o -', 'export');
    const target = options.output === '-' ? stdoutTarget(options.format) : exportTarget(options.output);
    if (target.format === 'json' && (options['ovf-version'] !== undefined || options['no-manifest'])) {
      throw new UsageError('--ovf-version and --no-manifest apply to .ova and .ovf files only', 'export');
    }
    return { vms: [...positionals], options, target };
  },
  refusesJson: ({ target }) => (target.stdout ? '--json cannot be combined with -o - (the appliance itself goes to standard output)' : undefined),
  run: async ({ api, cwd, note }, { vms, options, target: relative }) => {
    const target = { ...relative, dir: path.resolve(cwd, relative.dir) };
    const isFolder = relative.stdout || (await stat(target.dir).then((s) => s.isDirectory(), () => false));
    if (!isFolder) throw new AppError('NOT_FOUND', `the folder ${target.dir} does not exist; create it first`);
    const all = await api.listMachines({});
    const machines = [...new Map(vms.map((vm) => findMachine(all, vm)).map((m) => [m.id, m])).values()];
    const result = await api.exportMachines({
      machineIds: machines.map((m) => m.id),
      format: target.format,
      ovfVersion: options['ovf-version'] ?? '1.0',
      manifest: !options['no-manifest'],
      fileBaseName: target.baseName,
      operationId: randomUUID(),
    });
    for (const warning of result.warnings) note(`warning: ${warning}`);
    if (relative.stdout) return { json: null, text: '', bytes: singleFileBytes(result.files) };
    const written = await writeExportedFiles(target.dir, result.files, options.force);
    const names = machines.map((m) => `"${m.name}"`).join(', ');
    const lines = [
      `Exported ${names} to ${target.format.toUpperCase()}${target.format === 'json' ? '' : ` (OVF ${options['ovf-version'] ?? '1.0'})`}:`,
      ...written.map((file) => `  ${file.path} (${formatBytes(file.bytes)})`),
    ];
    return { json: { files: written, machineCount: result.machineCount, totalBytes: result.totalBytes, warnings: result.warnings }, text: lines.join('\n') };
  },
});
