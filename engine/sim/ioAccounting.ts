// Disk and network totals follow from useful work and the workload's I/O per unit of work, so they are settled once a
// simulated second (or before anyone reads them) instead of being added up every step.
import { profileTable } from '../mechanisms/workloadProfiles.ts';
import { F_HOSTING } from './guestArrays.ts';
import type { GuestArrays } from './guestArrays.ts';

/** Adds the I/O of the useful work done since the last settlement of slot `i`, at its current workload's rates. */
export function settleIoSlot(g: GuestArrays, i: number): void {
  const work = g.cUseful[i]! - g.ioSettledUseful[i]!;
  if (work === 0) return;
  g.ioSettledUseful[i] = g.cUseful[i]!;
  // A partition hosting a platform counts its guests' work as its own; their I/O is theirs, not at its profile's rates.
  if ((g.flags[i]! & F_HOSTING) !== 0) return;
  const p = profileTable[g.profile[i]!]!;
  const diskMB = (work * p.diskIopsPerCore * p.blockKiB) / 1024;
  g.cDiskRead[i] = g.cDiskRead[i]! + diskMB * p.readFraction;
  g.cDiskWrite[i] = g.cDiskWrite[i]! + diskMB * (1 - p.readFraction);
  const netMB = (work * p.netPktsPerCore * p.pktBytes) / 1e6;
  g.cNetRx[i] = g.cNetRx[i]! + netMB * 0.4;
  g.cNetTx[i] = g.cNetTx[i]! + netMB * 0.6;
}

export function settleIo(g: GuestArrays, slots: number): void {
  for (let i = 0; i < slots; i++) settleIoSlot(g, i);
}
