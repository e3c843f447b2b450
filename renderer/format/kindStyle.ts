// How each virtualization kind looks in lists and chips: the contract's label plus a short name, an icon and a colour.
import { kindInfo } from '../../shared/domain/virtualization.ts';
import type { PlatformKind } from '../../shared/domain/virtualization.ts';
import type { PlatformSummary } from '../../shared/domain/host.ts';

export interface KindStyle {
  label: string;
  summary: string;
  short: string;
  icon: string;
}

const looks: Readonly<Record<PlatformKind, { short: string; icon: string }>> = {
  type0: { short: 'Type 0', icon: 'mdi-view-grid-outline' },
  type1: { short: 'Type 1', icon: 'mdi-server' },
  type1hosted: { short: 'Type 1 hosted', icon: 'mdi-server-plus' },
  hostOs: { short: 'Host OS', icon: 'mdi-linux' },
  type2: { short: 'Type 2', icon: 'mdi-application-outline' },
  paravirt: { short: 'Paravirtual', icon: 'mdi-swap-horizontal-bold' },
  emulator: { short: 'Emulator', icon: 'mdi-translate' },
  processVm: { short: 'Process VM', icon: 'mdi-language-java' },
  containers: { short: 'Container', icon: 'mdi-package-variant-closed' },
};

export function kindStyle(kind: PlatformKind): KindStyle {
  return { ...kindInfo[kind], ...looks[kind] };
}

/** "Atlas ESX — Type 1 (bare metal)": how the wizard's Platform select names each platform. */
export function platformTitle(platform: Pick<PlatformSummary, 'name' | 'kind'>): string {
  return `${platform.name} — ${kindInfo[platform.kind].label}`;
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
