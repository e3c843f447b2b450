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
import { writeExportedFiles } from './exportFiles.ts';
import { choice, parseOptions } from './optionSchemas.ts';
import { findMachine } from './resolveMachine.ts';
import { formatBytes } from './table.ts';

const optionsSchema = z.object({
  output: z.string({ error: 'missing -o FILE (a .ova, .ovf or .json file to write)' }),
  'ovf-version': choice('--ovf-version', ['1.0', '2.0']).optional(),
  'no-manifest': z.boolean().default(false),
  force: z.boolean().default(false),
});

/** "out/web.ova" → format ova, base name "web", folder "out" (relative folders are resolved later, against the cwd). */
export function exportTarget(output: string): { format: ExportFormat; baseName: string; dir: string } {
  const match = /^(.*)\.(ova|ovf|json)$/i.exec(path.basename(output));
  if (!match) throw new UsageError(`-o ${JSON.stringify(output)}: the file name must end in .ova, .ovf or .json`, 'export');
  const base = exportBaseNameSchema.safeParse(match[1]);
  if (!base.success) throw new UsageError(`-o ${JSON.stringify(output)}: ${base.error.issues[0]?.message ?? 'not a usable file name'}`, 'export');
  return { format: match[2]!.toLowerCase() as ExportFormat, baseName: base.data, dir: path.dirname(output) };
}

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Export machines to OVA, OVF or JSON',
  help: `Usage: virtlab export <vm>... -o FILE [--ovf-version 1.0|2.0] [--no-manifest] [--force]

Exports one or more machines. The format follows FILE's extension:
  .ova    one OVA archive (descriptor first, then the manifest)
  .ovf    FILE plus FILE's name with .mf (the manifest) in the same folder
  .json   a plain JSON export of the configurations

Options:
  -o, --output FILE     File to write (its folder must exist).
  --ovf-version V       1.0 (default; SHA-1 manifest, as VirtualBox writes) or 2.0 (SHA-256).
  --no-manifest         Leave the manifest out.
  --force               Overwrite files that exist.`,
  options: {
    output: { type: 'string', short: 'o' },
    'ovf-version': { type: 'string' },
    'no-manifest': { type: 'boolean' },
    force: { type: 'boolean' },
  },
  readOnly: true,
  parse: ({ values, positionals }) => {
    if (positionals.length === 0) throw new UsageError('missing <vm>: name at least one machine to export', 'export');
    const options = parseOptions(optionsSchema, values, 'export');
    const target = exportTarget(options.output);
    if (target.format === 'json' && (options['ovf-version'] !== undefined || options['no-manifest'])) {
      throw new UsageError('--ovf-version and --no-manifest apply to .ova and .ovf files only', 'export');
    }
    return { vms: [...positionals], options, target };
  },
  run: async ({ api, cwd, note }, { vms, options, target: relative }) => {
    const target = { ...relative, dir: path.resolve(cwd, relative.dir) };
    const isFolder = await stat(target.dir).then((s) => s.isDirectory(), () => false);
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
    const written = await writeExportedFiles(target.dir, result.files, options.force);
    for (const warning of result.warnings) note(`warning: ${warning}`);
    const names = machines.map((m) => `"${m.name}"`).join(', ');
    const lines = [
      `Exported ${names} to ${target.format.toUpperCase()}${target.format === 'json' ? '' : ` (OVF ${options['ovf-version'] ?? '1.0'})`}:`,
      ...written.map((file) => `  ${file.path} (${formatBytes(file.bytes)})`),
    ];
    return { json: { files: written, machineCount: result.machineCount, totalBytes: result.totalBytes, warnings: result.warnings }, text: lines.join('\n') };
  },
});
