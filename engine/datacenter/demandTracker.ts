// Each guest's measured CPU demand, one sample a second over a sliding window, and its percentiles for planning.

/** Ten minutes of samples: long enough to see a web server's bursts, short enough to follow a change of workload. */
export const demandWindowS = 600;

class GuestSamples {
  readonly values = new Float32Array(demandWindowS);
  count = 0;
  next = 0;
}

export class DemandTracker {
  readonly #guests = new Map<string, GuestSamples>();

  /** Records the physical cores the guest cost its host over the last second. */
  record(guestId: string, cores: number): void {
    let samples = this.#guests.get(guestId);
    if (!samples) this.#guests.set(guestId, (samples = new GuestSamples()));
    samples.values[samples.next] = cores;
    samples.next = (samples.next + 1) % demandWindowS;
    if (samples.count < demandWindowS) samples.count += 1;
  }

  forget(guestId: string): void {
    this.#guests.delete(guestId);
  }

  /** Seconds of samples held for the guest. */
  samples(guestId: string): number {
    return this.#guests.get(guestId)?.count ?? 0;
  }

  /** The `p`-th percentile (nearest rank) of the guest's samples, or undefined before the first one. */
  percentile(guestId: string, p: number): number | undefined {
    const samples = this.#guests.get(guestId);
    if (!samples || samples.count === 0) return undefined;
    const sorted = samples.values.slice(0, samples.count).sort();
    const rank = Math.min(samples.count, Math.max(1, Math.ceil((p / 100) * samples.count)));
    return sorted[rank - 1]!;
  }
}
