// `virtlab sprawl`: the sprawl ledger in the terminal (or as JSON): idle, unused, expired, largest machines, clone families, orphaned media.
import { z } from 'zod';
import { sprawlCategories, sprawlCategoryLabels, sprawlDefaults } from '../../shared/domain/sprawl.ts';
import type { SprawlReport } from '../../shared/domain/sprawl.ts';
import { formatSpace } from '../../shared/format/quantities.ts';
import { defineCommand } from './commandTypes.ts';
import { expectPositionals, parseOptions } from './optionSchemas.ts';
import { formatTable } from './table.ts';
import { terminalSafeLine as terminalText } from './terminalText.ts';
import { vcpuBasisLabel } from '../../shared/domain/cpuShare.ts';

const days = (option: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, { error: (issue) => `${option} must be a number of days like 7 or 0.5, not "${String(issue.input).slice(0, 40)}"` })
    .transform(Number)
    .pipe(z.number().max(3650, `${option} must be at most 3650 days`))
    .optional();

const optionsSchema = z.object({
  'idle-days': days('--idle-days'),
  'unused-days': days('--unused-days'),
  'expiring-days': days('--expiring-days'),
  top: z
    .string()
    .regex(/^\d+$/, { error: '--top must be a whole number' })
    .transform(Number)
    .pipe(z.number().min(1, '--top must be at least 1').max(100, '--top must be at most 100'))
    .optional(),
});

export function formatSprawl(report: SprawlReport): string {
  const out: string[] = [];
  const t = report.thresholds;
  out.push(`Sprawl ledger: ${report.machineCount} machines; idle ≥ ${t.idleDays} days (under ${t.idleCpuPct} % CPU, ${vcpuBasisLabel}), unused ≥ ${t.unusedDays} days, expiring within ${t.expiringDays} days of ${report.today}.`);
  for (const category of sprawlCategories) {
    const findings = report.categories[category];
    out.push('', `${sprawlCategoryLabels[category]} (${findings.length})`);
    out.push(
      formatTable(findings, [
        { header: 'NAME', value: (f) => terminalText(f.name) },
        { header: 'STATE', value: (f) => f.state },
        { header: 'OWNER', value: (f) => terminalText(f.owner ?? '-') },
        { header: 'WHY', value: (f) => terminalText(f.reason) },
        { header: 'SUGGESTED', value: (f) => terminalText(f.suggestion) },
      ], '  none'),
    );
  }
  out.push('', `Clone families (${report.families.length})`);
  if (report.families.length === 0) out.push('  none');
  for (const family of report.families) {
    out.push(`  ${terminalText(family.rootName)}: ${family.members.length} machines, ${formatSpace(family.diskMiB)}. ${terminalText(family.suggestion)}`);
    for (const member of family.members) {
      const from = member.snapshotName === undefined ? '' : ` from "${terminalText(member.snapshotName)}"`;
      const how = member.mode === undefined ? '' : ` (${member.mode} clone${from})`;
      out.push(`    ${'  '.repeat(member.depth)}${terminalText(member.name)}${member.exists ? '' : ' [deleted]'}${how}${member.state ? `, ${member.state}` : ''}`);
    }
  }
  out.push('', `Orphaned media (${report.orphans.length})`);
  out.push(
    formatTable(report.orphans, [
      { header: 'MEDIUM', value: (o) => terminalText(o.name) },
      { header: 'KIND', value: (o) => (o.kind === 'disk' ? 'disk' : 'ISO') },
      { header: 'WHY', value: (o) => terminalText(o.reason) },
      { header: 'SUGGESTED', value: (o) => terminalText(o.removeRefusal === undefined ? o.suggestion : `Keep it for now: ${o.removeRefusal}`) },
    ], '  none'),
  );
  out.push('', `Carrying out every stop, delete and removal above frees ${formatSpace(report.reclaimable.diskMiB)} of disk and ${formatSpace(report.reclaimable.memoryMiB)} of memory.`);
  return out.join('\n');
}

export const sprawlCommand = defineCommand({
  name: 'sprawl',
  summary: 'Show idle, unused, expired and oversized machines, clone families and orphaned media, with suggested cleanups',
  help: `Usage: virtlab sprawl [--idle-days N] [--unused-days N] [--expiring-days N] [--top N] [--json]

The sprawl ledger, as the window's Sprawl view shows it: machines running at almost no CPU
(under ${sprawlDefaults.idleCpuPct} % ${vcpuBasisLabel}) for N simulated days, machines not started for N days,
machines past their expiry date or expiring soon, the largest disk and memory consumers,
clone families, and orphaned media (disks no machine reads, ISO images no drive names), each
with a suggested action and the space it frees (the window's Media Manager and Sprawl view
remove orphaned media).

Options:
  --idle-days N       Idle for at least N simulated days (default ${sprawlDefaults.idleDays}; decimals allowed).
  --unused-days N     Not started for at least N simulated days (default ${sprawlDefaults.unusedDays}).
  --expiring-days N   Expiring within N days counts as about to expire (default ${sprawlDefaults.expiringDays}).
  --top N             Machines in each "largest" list (default ${sprawlDefaults.top}).
  --json              The report as one JSON document.`,
  options: { 'idle-days': { type: 'string' }, 'unused-days': { type: 'string' }, 'expiring-days': { type: 'string' }, top: { type: 'string' } },
  parse: ({ positionals, values }) => {
    expectPositionals(positionals, [], 'sprawl');
    const options = parseOptions(optionsSchema, values, 'sprawl');
    return {
      ...(options['idle-days'] === undefined ? {} : { idleDays: options['idle-days'] }),
      ...(options['unused-days'] === undefined ? {} : { unusedDays: options['unused-days'] }),
      ...(options['expiring-days'] === undefined ? {} : { expiringDays: options['expiring-days'] }),
      ...(options.top === undefined ? {} : { top: options.top }),
    };
  },
  run: async ({ api }, query) => {
    const report = await api.getSprawlReport(query);
    return { json: report, text: formatSprawl(report) };
  },
});
