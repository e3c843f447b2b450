// Everything the backend keeps about one machine's past samples: the 1 s tier, the 1-minute tier and when it began.
import { CoarseSeries } from './coarseSeries.ts';
import { FineSeries } from './fineSeries.ts';

export class MachineHistory {
  readonly fine = new FineSeries();
  readonly coarse = new CoarseSeries();
  /** End (ms) of the first sample recorded. */
  readonly firstMs: number;

  constructor(firstMs: number) {
    this.firstMs = firstMs;
  }

  record(second: number, values: Float32Array, offset: number): void {
    this.fine.write(second, values, offset);
    this.coarse.write(second, values, offset);
  }

  /** Oldest simulated time still held at any resolution. */
  oldestMs(): number {
    const bucket = this.coarse.oldestBucket();
    return bucket === null ? this.firstMs : Math.max(this.firstMs, bucket * 60_000);
  }

  get bytes(): number {
    return this.fine.bytes + this.coarse.bytes;
  }
}
