// Green/amber/red zones for the wizard's vCPUs and memory fields, from the engine's fit verdict.
import type { ResourceZone } from '../../shared/domain/fitCheck.ts';

export type ZoneColor = 'green' | 'amber' | 'red';
export type ZoneResource = 'vcpus' | 'memoryMiB';

export interface ZoneReading {
  color: ZoneColor;
  /** Theme colour name for Vuetify components. */
  themeColor: 'success' | 'warning' | 'error';
  icon: string;
  text: string;
}

export function zoneOf(value: number, zone: ResourceZone): ZoneColor {
  if (value <= zone.green) return 'green';
  if (value <= zone.amber) return 'amber';
  return 'red';
}

const unitOf = (resource: ZoneResource, n: number): string =>
  resource === 'vcpus' ? `${n} free ${n === 1 ? 'core' : 'cores'}` : `${n} MiB free`;

/** What the zone means for this field, e.g. "Fits (≤ 15 free cores)". */
export function readZone(resource: ZoneResource, value: number, zone: ResourceZone, platformName: string): ZoneReading {
  const color = zoneOf(value, zone);
  const green = Math.max(0, Math.floor(zone.green));
  const amber = Math.max(0, Math.floor(zone.amber));
  if (color === 'green') return { color, themeColor: 'success', icon: 'mdi-check-circle', text: `Fits (≤ ${unitOf(resource, green)})` };
  if (color === 'amber') {
    const limit = resource === 'vcpus' ? `${amber} vCPUs` : `${amber} MiB`;
    const free = green === 0 ? (resource === 'vcpus' ? 'no core is free' : 'no memory is free') : `more than ${unitOf(resource, green)}`;
    return { color, themeColor: 'warning', icon: 'mdi-alert', text: `Overcommitted (${free}; allowed up to ${limit})` };
  }
  const most = resource === 'vcpus' ? `${amber} ${amber === 1 ? 'core' : 'cores'}` : `${amber} MiB`;
  return { color, themeColor: 'error', icon: 'mdi-close-octagon', text: `Exceeds what ${platformName} can give (${most} at most)` };
}

/** Where on a 0..scale bar the value, green and amber limits sit, in percent. */
export function zoneBar(value: number, zone: ResourceZone): { valuePct: number; greenPct: number; amberPct: number } {
  const scale = Math.max(value, zone.amber, zone.green, 1) * 1.1;
  const pct = (n: number): number => Math.max(0, Math.min(100, (n / scale) * 100));
  return { valuePct: pct(value), greenPct: pct(zone.green), amberPct: pct(zone.amber) };
}
