// Per-second metrics without per-step cost: cumulative counters are copied once a simulated second, deltas on demand.
import type { GuestArrays } from './guestArrays.ts';

export interface SecondMetrics {
  /** Physical CPU granted, in cores (1 = one core busy for the whole second). */
  readonly cpuCores: number;
  readonly guestCores: number;
  readonly overheadCores: number;
  /** Ready time per vCPU as a fraction of the second. */
  readonly readyPerVcpu: number;
  readonly usefulCores: number;
  /** CPU granted to garbage collection (process VMs), part of the overhead. */
  readonly gcCores: number;
  readonly diskReadMB: number;
  readonly diskWriteMB: number;
  readonly netRxMB: number;
  readonly netTxMB: number;
  readonly memoryUsedMiB: number;
  readonly balloonedMiB: number;
  readonly sharedMiB: number;
  readonly swappedMiB: number;
}

const tracked = ['cGranted', 'cGuest', 'cReady', 'cUseful', 'cDiskRead', 'cDiskWrite', 'cNetRx', 'cNetTx', 'cGcCpu', 'cHostBusy'] as const;
type Tracked = (typeof tracked)[number];

export class SecondSnapshots {
  /** Cumulative counters at the last whole second. */
  private prev: Record<Tracked, Float64Array>;
  /** What each counter grew by during the last whole second. */
  private last: Record<Tracked, Float64Array>;
  /** End of the second `last` describes. */
  atMs = 0;

  constructor(capacity: number) {
    this.prev = makeArrays(capacity);
    this.last = makeArrays(capacity);
  }

  grow(capacity: number): void {
    const prev = makeArrays(capacity);
    const last = makeArrays(capacity);
    for (const key of tracked) {
      prev[key].set(this.prev[key]);
      last[key].set(this.last[key]);
    }
    this.prev = prev;
    this.last = last;
  }

  /** A deleted slot starts from zero when reused. */
  clearSlot(i: number): void {
    for (const key of tracked) {
      this.prev[key][i] = 0;
      this.last[key][i] = 0;
    }
  }

  /** Follows GuestArrays.permute: new slot k holds old slot `order[k]`. */
  permute(order: Int32Array): void {
    for (const key of tracked) {
      for (const arrays of [this.prev, this.last]) {
        const column = arrays[key];
        const copy = column.slice();
        for (let k = 0; k < order.length; k++) column[k] = copy[order[k]!]!;
        column.fill(0, order.length);
      }
    }
  }

  /** Called at each whole simulated second with the count of slots in use. */
  take(g: GuestArrays, slots: number, nowMs: number): void {
    for (const key of tracked) {
      const cum = g[key];
      const prev = this.prev[key];
      const last = this.last[key];
      for (let i = 0; i < slots; i++) {
        last[i] = cum[i]! - prev[i]!;
        prev[i] = cum[i]!;
      }
    }
    this.atMs = nowMs;
  }

  /** Physical cores slot `i` kept busy on its host during the last whole second (boot, shutdown, host processes included). */
  hostBusyCores(i: number): number {
    return this.last.cHostBusy[i]!;
  }

  /**
   * Writes slot `i`'s last second as the 12 telemetry metrics (shared/domain/telemetry.ts order) at `out[o..]`, from the
   * same deltas `metrics()` reads, without allocating: CPU as % of the configured vCPUs, memory in MiB, rates in MB/s.
   */
  writeRow(g: GuestArrays, i: number, out: Float32Array, o: number): void {
    const last = this.last;
    const granted = last.cGranted[i]!;
    const guest = last.cGuest[i]!;
    const perVcpu = 100 / Math.max(1e-9, g.vcpus[i]!);
    out[o] = granted * perVcpu;
    out[o + 1] = guest * perVcpu;
    out[o + 2] = (granted > guest ? granted - guest : 0) * perVcpu;
    out[o + 3] = last.cReady[i]! * perVcpu;
    out[o + 4] = g.touched[i]!;
    out[o + 5] = g.balloon[i]!;
    out[o + 6] = g.shared[i]!;
    out[o + 7] = g.swapped[i]!;
    out[o + 8] = last.cDiskRead[i]!;
    out[o + 9] = last.cDiskWrite[i]!;
    out[o + 10] = last.cNetRx[i]!;
    out[o + 11] = last.cNetTx[i]!;
  }

  /** The last whole simulated second of slot `i`. */
  metrics(g: GuestArrays, i: number): SecondMetrics {
    const d = (key: Tracked) => this.last[key][i]!;
    const granted = d('cGranted');
    const guest = d('cGuest');
    return {
      cpuCores: granted,
      guestCores: guest,
      overheadCores: Math.max(0, granted - guest),
      readyPerVcpu: d('cReady') / Math.max(1e-9, g.vcpus[i]!),
      usefulCores: d('cUseful'),
      gcCores: d('cGcCpu'),
      diskReadMB: d('cDiskRead'),
      diskWriteMB: d('cDiskWrite'),
      netRxMB: d('cNetRx'),
      netTxMB: d('cNetTx'),
      memoryUsedMiB: g.touched[i]!,
      balloonedMiB: g.balloon[i]!,
      sharedMiB: g.shared[i]!,
      swappedMiB: g.swapped[i]!,
    };
  }
}

function makeArrays(capacity: number): Record<Tracked, Float64Array> {
  const arrays = {} as Record<Tracked, Float64Array>;
  for (const key of tracked) arrays[key] = new Float64Array(capacity);
  return arrays;
}
