// `virtlab consolidate <cluster> [--dry-run]`: pack a cluster's guests on fewer hosts and power the emptied ones off.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { AppApi } from '../../shared/api/methods.ts';
import type { Cluster } from '../../shared/domain/datacenter.ts';
import { defineCommand } from './commandTypes.ts';
import { formatOperation, formatPlan } from './datacenterText.ts';
import { expectPositionals, parseOptions, wholeNumber } from './optionSchemas.ts';
import { waitForOperation } from './waitForDatacenter.ts';

const same = (a: string, b: string): boolean => a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

async function resolveCluster(api: AppApi, ref: string): Promise<{ cluster: Cluster; hostName: (id: string) => string }> {
  const dc = await api.getDatacenter({});
  const cluster = dc.clusters.find((c) => c.id === ref.trim() || same(c.name, ref));
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster is named or has the id "${ref}"; the clusters are ${dc.clusters.map((c) => `${c.name} (${c.id})`).join(', ') || 'none'}`);
  const names = new Map(dc.hosts.map((h) => [h.hostId, h.name]));
  return { cluster, hostName: (id) => names.get(id) ?? id };
}

export const consolidateCommand = defineCommand({
  name: 'consolidate',
  summary: "Pack a cluster's guests on fewer hosts, then power the emptied hosts off",
  help: `Usage: virtlab consolidate <cluster> [--dry-run] [--headroom PCT] [--percentile P] [--detach]

Plans by bin packing each guest's measured CPU demand (a percentile, not the peak) and its
memory, keeping headroom on every host; then runs the moves as live migrations one after
another and powers off the hosts that emptied. The cluster is named by id or name.

Options:
  --dry-run          Print the plan (moves, hosts powered off, power before and after); change nothing.
  --headroom PCT     Share of each host kept free (default: the cluster's setting, 20).
  --percentile P     Percentile of measured demand to plan on (default: the cluster's, 80).
  --detach           Return once it started (needs a running Virtlab).

Example:
  virtlab consolidate "Rack cluster" --dry-run`,
  options: { 'dry-run': { type: 'boolean' }, headroom: { type: 'string' }, percentile: { type: 'string' }, detach: { type: 'boolean' } },
  parse: ({ values, positionals }) => {
    const [cluster] = expectPositionals(positionals, ['<cluster>'], 'consolidate');
    const o = parseOptions(
      z.object({
        'dry-run': z.boolean().default(false),
        headroom: wholeNumber('--headroom', '%').pipe(z.number().max(60, '--headroom must be at most 60')).optional(),
        percentile: wholeNumber('--percentile').pipe(z.number().min(50, '--percentile must be at least 50').max(99, '--percentile must be at most 99')).optional(),
        detach: z.boolean().default(false),
      }),
      values,
      'consolidate',
    );
    return { cluster: cluster!, dryRun: o['dry-run'], headroomPct: o.headroom, percentile: o.percentile, detach: o.detach };
  },
  run: async (ctx, input) => {
    const { cluster, hostName } = await resolveCluster(ctx.api, input.cluster);
    const request = {
      clusterId: cluster.id,
      ...(input.headroomPct === undefined ? {} : { headroomPct: input.headroomPct }),
      ...(input.percentile === undefined ? {} : { percentile: input.percentile }),
    };
    if (input.dryRun) {
      const plan = await ctx.api.planConsolidation(request);
      return { json: plan, text: formatPlan(plan, hostName) };
    }
    if (ctx.mode !== 'connected') {
      throw new AppError('INVALID_STATE', `cannot consolidate "${cluster.name}": no Virtlab is running on the library ${ctx.libraryDir}, and hosts and migrations exist only while it runs; --dry-run shows the plan`);
    }
    const op = await ctx.api.consolidateCluster(request);
    const final = input.detach ? op : await waitForOperation(ctx.api, op.id);
    return { json: final, text: formatOperation(final) };
  },
});
