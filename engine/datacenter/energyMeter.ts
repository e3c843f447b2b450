// Energy per host over simulated time: integrated each second, checkpointed every ten seconds so any range can be summed.

/** Ten-second checkpoints: ranges are exact to 10 s, and a month of simulation keeps 260,000 numbers per host. */
const checkpointMs = 10_000;

/** Cumulative joules of one host, with the total at every checkpoint since it started counting. */
class HostEnergy {
  joules = 0;
  watts = 0;
  readonly checkpoints: number[] = [];
  readonly startMs: number;
  constructor(startMs: number) {
    this.startMs = startMs;
  }
}

export class EnergyMeter {
  readonly #hosts = new Map<string, HostEnergy>();
  readonly #startMs: number;

  constructor(startMs: number) {
    this.#startMs = startMs;
  }

  /** Adds a second (ending at `nowMs`) during which the host drew `watts`. */
  addSecond(hostId: string, watts: number, nowMs: number): void {
    let host = this.#hosts.get(hostId);
    if (!host) this.#hosts.set(hostId, (host = new HostEnergy(this.#startMs)));
    host.watts = watts;
    host.joules += watts;
    if ((nowMs - this.#startMs) % checkpointMs === 0) host.checkpoints.push(host.joules);
  }

  wattsOf(hostId: string): number {
    return this.#hosts.get(hostId)?.watts ?? 0;
  }

  /** kWh drawn since the meter started. */
  totalKWh(hostId: string): number {
    return toKWh(this.#hosts.get(hostId)?.joules ?? 0);
  }

  /** kWh drawn between two times (exact at 10 s boundaries, interpolated within; up to the last whole second). */
  kWhBetween(hostId: string, fromMs: number, toMs: number, nowMs: number): number {
    const host = this.#hosts.get(hostId);
    if (!host || toMs <= fromMs) return 0;
    return toKWh(Math.max(0, this.#joulesAt(host, Math.min(toMs, nowMs), nowMs) - this.#joulesAt(host, fromMs, nowMs)));
  }

  #joulesAt(host: HostEnergy, atMs: number, nowMs: number): number {
    if (atMs <= host.startMs) return 0;
    if (atMs >= nowMs) return host.joules;
    const buckets = (atMs - host.startMs) / checkpointMs;
    const whole = Math.floor(buckets);
    const before = whole === 0 ? 0 : (host.checkpoints[whole - 1] ?? host.joules);
    const after = host.checkpoints[whole] ?? host.joules;
    const end = host.checkpoints[whole] === undefined ? nowMs : host.startMs + (whole + 1) * checkpointMs;
    const start = host.startMs + whole * checkpointMs;
    return before + ((after - before) * (atMs - start)) / Math.max(1, end - start);
  }
}

function toKWh(joules: number): number {
  return joules / 3.6e6;
}
