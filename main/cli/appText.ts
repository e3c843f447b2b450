// Human text for applications: one line per service (kubectl get deployments), and an application's services,
// replicas per host and latest events.
import type { ApplicationView } from '../../shared/domain/applicationView.ts';
import { formatFields, formatTable } from './table.ts';

const rolloutText = (s: ApplicationView['services'][number]): string =>
  s.rollout === undefined ? '-' : s.rollout.state === 'Complete' ? `complete (rev ${s.rollout.toRevision})` : `${s.rollout.state.toLowerCase()} ${s.rollout.updatedReady}/${s.desired} → ${s.rollout.toImage}`;

export function formatApplicationList(apps: readonly ApplicationView[]): string {
  const rows = apps.flatMap((app) => app.services.map((service) => ({ app, service })));
  return formatTable(
    rows,
    [
      { header: 'APPLICATION', value: (r) => r.app.name },
      { header: 'SERVICE', value: (r) => r.service.name },
      { header: 'IMAGE', value: (r) => r.service.image },
      { header: 'READY', value: (r) => `${r.service.ready}/${r.service.desired}`, align: 'right' },
      { header: 'RESTARTS', value: (r) => r.service.restarts, align: 'right' },
      { header: 'ROLLOUT', value: (r) => rolloutText(r.service) },
      { header: 'ADDRESS', value: (r) => r.service.virtualIp },
    ],
    'No applications. Deploy one with "virtlab app deploy FILE".',
  );
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function formatApplication(app: ApplicationView): string {
  const services = formatTable(
    app.services,
    [
      { header: 'SERVICE', value: (s) => s.name },
      { header: 'IMAGE', value: (s) => s.image },
      { header: 'READY', value: (s) => `${s.ready}/${s.desired}`, align: 'right' },
      { header: 'ROLLOUT', value: (s) => rolloutText(s) },
      { header: 'REQ/S', value: (s) => s.traffic.requestsPerSecond, align: 'right' },
      { header: 'ERR/S', value: (s) => s.traffic.errorsPerSecond, align: 'right' },
      { header: 'ADDRESS', value: (s) => `${s.virtualIp}${s.ports.length > 0 ? `:${s.ports.map((p) => p.target).join(',')}` : ''}` },
    ],
    'No services.',
  );
  const replicas = formatTable(
    app.replicas,
    [
      { header: 'REPLICA', value: (r) => r.name },
      { header: 'REV', value: (r) => r.revision, align: 'right' },
      { header: 'STATE', value: (r) => r.phase },
      { header: 'HOST', value: (r) => r.hostId ?? '-' },
      { header: 'IP', value: (r) => r.ip ?? '-' },
      { header: 'RESTARTS', value: (r) => r.restarts, align: 'right' },
      { header: 'REASON', value: (r) => r.reason ?? (r.lastExit ? `last exit: ${r.lastExit.reason}` : '') },
    ],
    'No replicas.',
  );
  const events = app.events.slice(-10).map((e) => `  ${seconds(e.atMs).padStart(9)}  ${e.warning ? '!' : ' '} ${e.reason}: ${e.message}`);
  return [formatFields([['Application', `${app.name} {${app.id}}`]]), '', services, '', replicas, '', 'Latest events:', ...(events.length > 0 ? events : ['  none'])].join('\n');
}
