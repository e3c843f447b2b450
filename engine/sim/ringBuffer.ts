// Paravirtual I/O ring: the guest produces requests into a circular buffer, the backend consumes them.
import type { GuestArrays } from './guestArrays.ts';

/** The backend polls (or is notified) this often per step; polls finding the ring empty are empty stalls. */
export const ringPollsPerStep = 10;
/** Requests a blocked guest keeps queued; beyond this it stops issuing more (closed-loop clients back off). */
const maxBacklog = 65_536;

/**
 * One step of slot `i`'s ring with `arrivals` new requests and a backend able to complete `capacity`.
 * Returns the fraction of arrivals served this step. Producer and consumer indices are kept as the ring
 * occupancy (producer − consumer); a request that finds every slot taken stalls the guest (full stall).
 */
export function stepRing(g: GuestArrays, i: number, arrivals: number, capacity: number): number {
  const size = g.ringSize[i]!;
  const occupied = g.ringOcc[i]!;
  const pending = g.ringBacklog[i]! + arrivals;
  // While the backend completes requests during the step, their slots free up for the producer.
  const posted = Math.min(pending, size - occupied + capacity);
  const inRing = occupied + posted;
  const consumed = Math.min(inRing, capacity);
  g.ringOcc[i] = inRing - consumed;
  const stalled = pending - posted;
  // Count each request once, when it first finds the ring full (the backlog was counted before).
  const newlyStalled = stalled - g.ringBacklog[i]!;
  if (newlyStalled > 0) g.cRingFull[i] = g.cRingFull[i]! + newlyStalled;
  g.ringBacklog[i] = Math.min(stalled, maxBacklog);
  if (inRing < ringPollsPerStep) g.cRingEmpty[i] = g.cRingEmpty[i]! + (ringPollsPerStep - inRing);
  return arrivals > 0 ? Math.min(1, consumed / arrivals) : 1;
}
