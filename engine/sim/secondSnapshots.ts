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

const tracked = ['cGranted', 'cGuest', 'cReady', 'cUseful', 'cDiskRead', 'cDiskWrite', 'cNetRx', 'cNetTx', 'cGcCpu'] as const;
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
