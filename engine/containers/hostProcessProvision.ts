// Provisioning for guests that are processes of a host OS (containers, process VMs): no virtual disk with an installed
// OS and no network adapters, only a writable layer (or working directory) that grows as the guest writes.
import type { MachineConfigState } from '../machineConfigStore.ts';
import type { OpsContext } from '../opsContext.ts';
import { gib } from '../storage/diskMath.ts';
import type { LabelledFields } from '../../shared/domain/machineLabels.ts';

export interface HostProcessRequest {
  readonly machineId: string;
  readonly hostId: string;
  /** Most the writable layer may grow to. */
  readonly diskGiB: number;
  readonly labels: LabelledFields;
}

/** Nothing to check (an empty layer takes no space); returns the commit. */
export function planHostProcessProvision(ctx: OpsContext, request: HostProcessRequest): () => MachineConfigState {
  const lib = ctx.configs;
  return () => {
    const layer = lib.disks.createBase(request.machineId, request.hostId, 'dynamic', gib(request.diskGiB), 0);
    const config: MachineConfigState = {
      machineId: request.machineId,
      hostId: request.hostId,
      diskAllocation: 'dynamic',
      currentImageId: layer.id,
      currentSnapshotId: undefined,
      snapshots: new Map(),
      nics: [],
      optical: { kind: 'empty' },
      origin: undefined,
      disks: undefined,
      labels: request.labels,
    };
    lib.configs.set(request.machineId, config);
    return config;
  };
}
