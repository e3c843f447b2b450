// What the data center needs from outside the simulation core: machines' disks (the facade's storage) and starting them.

export interface DatacenterPort {
  /** Disk data the machine owns on its host (what a storage migration copies), MiB. */
  diskMiB(machineId: string): number;
  /** Checks the machine's disks can follow it to the host and returns the commit; throws an AppError when they cannot. */
  planMove(machineId: string, hostId: string): () => void;
  /** Powers a machine on with every check a user's start gets (network conflicts...); throws an AppError when refused. */
  start(machineId: string): void;
}

/** Without a facade (scenario files): a guest's disk is its whole configured size, follows it unchecked, starts in the core. */
export function simOnlyPort(diskGiB: (machineId: string) => number, start: (machineId: string) => void): DatacenterPort {
  return { diskMiB: (id) => diskGiB(id) * 1024, planMove: () => () => undefined, start };
}
