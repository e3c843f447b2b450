// Plain-text rendering of a scenario summary: aligned tables of guests and hosts, refusals and events.
import { formatDatacenterSummary } from '../datacenter/formatDatacenterSummary.ts';
import type { ScenarioSummary } from './runScenario.ts';
import { table } from './textTable.ts';

const num = (x: number, digits = 1) => x.toFixed(digits);
const secondsOf = (ms: number | null) => (ms === null ? '-' : ms < 1000 ? `${ms} ms` : `${num(ms / 1000)} s`);

export function formatSummary(summary: ScenarioSummary, options: { maxEvents?: number } = {}): string {
  const out: string[] = [];
  out.push(`Scenario ${summary.name ?? '(unnamed)'}: seed ${summary.seed}, ${summary.simulatedS} s simulated`);
  if (summary.description) out.push(summary.description);
  out.push('', 'Guests');
  out.push(
    table(
      ['name', 'kind', 'state', 'vCPU', 'CPU %', 'useful core-s', 'useful/s', 'useful/CPU', 'overhead s', 'ready %', 'balloon', 'shared', 'swapped', 'started in'],
      summary.guests.map((g) => [
        g.name,
        g.kindLabel,
        g.state,
        String(g.vcpus),
        num(g.avgCpuPct),
        num(g.usefulCoreS),
        num(g.usefulPerS, 3),
        num(g.efficiency, 3),
        num(g.overheadCpuS),
        num(g.readyPct),
        `${g.memory.peakBalloonedMiB}`,
        `${g.memory.peakSharedMiB}`,
        `${g.memory.peakSwappedMiB}`,
        secondsOf(g.startTookMs),
      ]),
    ),
  );
  out.push('(balloon/shared/swapped: peak MiB reclaimed by each technique)');
  const extras = summary.guests.filter((g) => g.ring.fullStalls + g.hypercalls + g.gc.pauses > 0 || g.warm > 0);
  if (extras.length > 0) {
    out.push('', 'Mechanisms');
    out.push(
      table(
        ['name', 'io', 'ring full', 'ring empty', 'hypercalls', 'GC pauses', 'GC ms', 'warm %'],
        extras.map((g) => [
          g.name,
          g.io,
          String(g.ring.fullStalls),
          String(g.ring.emptyStalls),
          String(g.hypercalls),
          String(g.gc.pauses),
          String(g.gc.pauseMs),
          num(g.warm * 100),
        ]),
        2,
      ),
    );
  }
  out.push('', 'Hosts');
  out.push(
    table(
      ['name', 'isa', 'platforms', 'cores', 'CPU %', 'memory %', 'peak deficit MiB'],
      summary.hosts.map((h) => [h.name, h.isa, h.platforms.join(', '), String(h.cores), num(h.cpuUtilPct), num(h.memUsedPct), String(h.peakDeficitMiB)]),
    ),
  );
  out.push(...formatDatacenterSummary(summary.datacenter));
  if (summary.applications && summary.applications.length > 0) {
    out.push('', 'Applications');
    out.push(
      table(
        ['application', 'service', 'image', 'last rollout', 'ready', 'available %', 'requests', 'errors', 'restarts'],
        summary.applications.map((s) => [s.app, s.service, s.image, s.rollout ?? '-', `${s.ready}/${s.desired}`, num(s.availability * 100), String(s.requests), String(s.errors), String(s.restarts)]),
        4,
      ),
    );
    const appEvents = summary.applicationEvents ?? [];
    const shown = options.maxEvents ?? 40;
    out.push('', `Application events (${appEvents.length}${appEvents.length > shown ? `, first ${shown}` : ''})`);
    for (const e of appEvents.slice(0, shown)) out.push(`  t=${num(e.atMs / 1000)} s  ${e.app}: ${e.message}`);
  }
  if (summary.refusals.length > 0) {
    out.push('', 'Refused');
    for (const r of summary.refusals) out.push(`  t=${num(r.atS)} s  ${r.what} "${r.name}" [${r.code}${r.field ? ` ${r.field}` : ''}]: ${r.message}`);
  }
  const max = options.maxEvents ?? 40;
  const events = summary.events.filter((e) => e.kind !== 'config');
  out.push('', `Events (${events.length}${events.length > max ? `, first ${max}; --events N for more` : ''})`);
  for (const e of events.slice(0, max)) out.push(`  t=${num(e.atMs / 1000)} s  ${e.hostId}${e.subject ? ` / ${e.subject}` : ''}: ${e.message}`);
  return out.join('\n');
}
