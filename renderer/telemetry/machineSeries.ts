// Per-machine telemetry window: simulated timestamps with CPU % and memory-used % side by side.
import { RingBuffer } from './ringBuffer.ts';

export const telemetryWindowSize = 60;

export interface SeriesSnapshot {
  timesMs: number[];
  cpuPct: number[];
  memoryPct: number[];
}

export class MachineSeries {
  readonly times: RingBuffer;
  readonly cpuPct: RingBuffer;
  readonly memoryPct: RingBuffer;

  constructor(capacity = telemetryWindowSize) {
    this.times = new RingBuffer(capacity);
    this.cpuPct = new RingBuffer(capacity);
    this.memoryPct = new RingBuffer(capacity);
  }

  push(simTimeMs: number, cpuPct: number, memoryPct: number): void {
    // A batch can repeat after a reconnect; an older or equal time would draw the line backwards.
    const last = this.times.last();
    if (last !== undefined && simTimeMs <= last) return;
    this.times.push(simTimeMs);
    this.cpuPct.push(clampPct(cpuPct));
    this.memoryPct.push(clampPct(memoryPct));
  }

  snapshot(): SeriesSnapshot {
    return { timesMs: this.times.toArray(), cpuPct: this.cpuPct.toArray(), memoryPct: this.memoryPct.toArray() };
  }
}

function clampPct(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}
