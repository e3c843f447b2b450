// Energy per host over simulated time: integrated each second, checkpointed each minute so any range can be summed.

const checkpointMs = 60_000;

/** Cumulative joules of one host, with the total at every whole minute since it started counting. */
class HostEnergy {
  joules = 0;
  watts = 0;
  readonly minutes: number[] = [];
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
    if ((nowMs - this.#startMs) % checkpointMs === 0) host.minutes.push(host.joules);
  }

  wattsOf(hostId: string): number {
    return this.#hosts.get(hostId)?.watts ?? 0;
  }

  /** kWh drawn since the meter started. */
  totalKWh(hostId: string): number {
    return toKWh(this.#hosts.get(hostId)?.joules ?? 0);
  }

  /** kWh drawn between two times (to the minute; the current minute up to the last whole second). */
  kWhBetween(hostId: string, fromMs: number, toMs: number, nowMs: number): number {
    const host = this.#hosts.get(hostId);
    if (!host || toMs <= fromMs) return 0;
    return toKWh(Math.max(0, this.#joulesAt(host, Math.min(toMs, nowMs), nowMs) - this.#joulesAt(host, fromMs, nowMs)));
  }

  #joulesAt(host: HostEnergy, atMs: number, nowMs: number): number {
    if (atMs <= host.startMs) return 0;
    if (atMs >= nowMs) return host.joules;
    const minutes = (atMs - host.startMs) / checkpointMs;
    const whole = Math.floor(minutes);
    const before = whole === 0 ? 0 : (host.minutes[whole - 1] ?? host.joules);
    const after = host.minutes[whole] ?? host.joules;
    const end = host.minutes[whole] === undefined ? nowMs : host.startMs + (whole + 1) * checkpointMs;
    const start = host.startMs + whole * checkpointMs;
    return before + ((after - before) * (atMs - start)) / Math.max(1, end - start);
  }
}

function toKWh(joules: number): number {
  return joules / 3.6e6;
}
