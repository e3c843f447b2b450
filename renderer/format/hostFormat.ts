// Formatting for hosts and platforms: a platform's title, overcommit ratios, core counts and instruction sets.
import type { KindDescription } from '../../shared/domain/kinds.ts';
import type { PlatformSummary } from '../../shared/domain/host.ts';

/** "Atlas ESX — Type 1 (bare metal)": how the wizard's Platform select names each platform. */
export function platformTitle(platform: Pick<PlatformSummary, 'name'>, kind: Pick<KindDescription, 'label'>): string {
  return `${platform.name} — ${kind.label}`;
}

/** "2.5 : 1": committed per unit of capacity, one decimal (none from 10 up). */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '– : 1';
  const digits = ratio >= 10 ? 0 : 1;
  return `${ratio.toFixed(digits)} : 1`;
}

/** Cores with at most two decimals, without trailing zeros ("1.25", "2", "0.5"). */
export function formatCores(cores: number): string {
  return String(Math.round(cores * 100) / 100);
}

const isaLabels: Readonly<Record<string, string>> = { x86_64: 'x86-64', arm64: 'ARM64', mips: 'MIPS', ppc: 'PowerPC', '6502': '6502' };

export function isaLabel(isa: string): string {
  return isaLabels[isa] ?? isa;
}
