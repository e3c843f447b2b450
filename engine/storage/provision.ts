// A new machine's disk, adapters and optical drive: checked first (nothing changes on refusal), then committed.
import type { OpticalDrive } from '../../shared/domain/network.ts';
import type { ApplianceDisk, DiskAllocation } from '../../shared/domain/storage.ts';
import type { LabelledFields } from '../../shared/domain/machineLabels.ts';
import type { MachineConfigState } from '../machineConfigStore.ts';
import { buildNics } from '../network/nicBuilder.ts';
import type { ParsedNicSpec } from '../network/nicBuilder.ts';
import type { OpsContext } from '../opsContext.ts';
import { gib, installedFootprintMiB } from './diskMath.ts';
import { formatGiB } from './diskStore.ts';

export interface ProvisionOptions {
  readonly diskAllocation?: DiskAllocation | undefined;
  readonly nics?: readonly ParsedNicSpec[] | undefined;
  readonly optical?: OpticalDrive | undefined;
  readonly disks?: readonly ApplianceDisk[] | undefined;
}

export interface ProvisionRequest {
  readonly machineId: string;
  readonly hostId: string;
  /** MAC prefix of the kind of the platform the machine will run on. */
  readonly macPrefix: string;
  readonly osType: string;
  readonly diskGiB: number;
  readonly labels: LabelledFields;
  readonly options: ProvisionOptions;
}

const defaultNics: readonly ParsedNicSpec[] = [{ attachment: 'nat', ipMode: 'dhcp' }];

/** Validates the request and returns the commit that applies it; throws (changing nothing) when refused. */
export function planProvision(ctx: OpsContext, request: ProvisionRequest, nameOf: (id: string) => string): () => MachineConfigState {
  const lib = ctx.configs;
  const allocation = request.options.diskAllocation ?? 'dynamic';
  const capacity = gib(request.diskGiB);
  const allocated = allocation === 'fixed' ? capacity : installedFootprintMiB(request.osType, capacity);
  lib.disks.requireSpace(request.hostId, allocated, allocation === 'fixed' ? `a fixed ${request.diskGiB} GiB disk` : `the installed OS (${formatGiB(allocated)})`, 'diskGiB');
  const nics = buildNics({ configs: lib, machineId: request.machineId, seed: ctx.seed, nameOf, hostId: request.hostId, macPrefix: request.macPrefix }, request.options.nics ?? defaultNics);
  const optical = request.options.optical;
  return () => {
    const base = lib.disks.createBase(request.machineId, request.hostId, allocation, capacity, allocated);
    const config: MachineConfigState = {
      machineId: request.machineId,
      hostId: request.hostId,
      diskAllocation: allocation,
      currentImageId: base.id,
      currentSnapshotId: undefined,
      snapshots: new Map(),
      nics,
      optical: optical ?? { kind: 'empty' },
      origin: undefined,
      disks: request.options.disks?.map((disk) => ({ ...disk })),
      labels: request.labels,
    };
    lib.configs.set(request.machineId, config);
    lib.leaseAll(config);
    // An image the library does not know yet becomes one of its media.
    if (optical?.kind === 'iso') lib.isos.ensure(optical.image);
    return config;
  };
}
