// Human labels for issue 4 configuration values: NIC attachments, IP modes, disk allocation and the optical drive.
import type { Attachment, OpticalDrive } from '../../shared/domain/network.ts';
import type { DiskAllocation } from '../../shared/domain/storage.ts';

export const attachmentLabels: Record<Attachment, string> = {
  nat: 'NAT',
  bridged: 'Bridged adapter',
  hostOnly: 'Host-only adapter',
  internal: 'Internal network',
};

export const allocationLabels: Record<DiskAllocation, string> = {
  dynamic: 'Dynamically allocated',
  fixed: 'Fixed size',
};

export function opticalLabel(drive: OpticalDrive): string {
  if (drive.kind === 'iso') return `ISO image ${drive.image}`;
  if (drive.kind === 'host') return 'Host drive (passthrough)';
  return 'Empty';
}

/** "3 images (base + 2 differencing)" for a disk chain listed base first. */
export function chainLabel(chain: readonly string[]): string {
  if (chain.length <= 1) return 'Base image only';
  const diffs = chain.length - 1;
  return `${chain.length} images (base + ${diffs} differencing)`;
}
