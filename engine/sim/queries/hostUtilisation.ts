// Per host and pool, what the last whole simulated second used: busy cores, resident memory, control-partition forwarding.
import type { Host } from '../../../shared/domain/host.ts';
import type { WorldState } from '../worldState.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

export class HostUtilisation {
  private prevBusyS: Float64Array<ArrayBuffer> = new Float64Array(0);
  private prevMemS: Float64Array<ArrayBuffer> = new Float64Array(0);
  private busyCores = new Float64Array(0);
  private memoryMiB = new Float64Array(0);
  private prevForward: Float64Array<ArrayBuffer> = new Float64Array(0);
  private forward = new Float64Array(0);
  private cores = new Float64Array(0);
  private physicalMiB = new Float64Array(0);

  /** Called at each whole simulated second. */
  take(w: WorldState): void {
    const n = w.hosts.length;
    if (this.prevBusyS.length !== n) {
      this.prevBusyS = resized(this.prevBusyS, n);
      this.prevMemS = resized(this.prevMemS, n);
      this.busyCores = new Float64Array(n);
      this.memoryMiB = new Float64Array(n);
      this.cores = new Float64Array(n);
      this.physicalMiB = new Float64Array(n);
    }
    for (let h = 0; h < n; h++) {
      const model = w.hosts[h]!.model;
      this.busyCores[h] = w.hostBusyS[h]! - this.prevBusyS[h]!;
      this.memoryMiB[h] = w.hostMemS[h]! - this.prevMemS[h]!;
      this.cores[h] = model.cores;
      this.physicalMiB[h] = model.memoryMiB;
      this.prevBusyS[h] = w.hostBusyS[h]!;
      this.prevMemS[h] = w.hostMemS[h]!;
    }
    const p = w.pools.length;
    if (this.prevForward.length !== p) {
      this.prevForward = resized(this.prevForward, p);
      this.forward = new Float64Array(p);
    }
    for (let i = 0; i < p; i++) {
      const now = w.pools[i]!.cForward;
      this.forward[i] = now - this.prevForward[i]!;
      this.prevForward[i] = now;
    }
  }

  /** Cores the host kept busy over the last whole second. */
  busyCoresOf(hostIndex: number): number {
    return this.busyCores[hostIndex] ?? 0;
  }

  /** Resident memory of the host averaged over the last whole second. */
  memoryUsedMiB(hostIndex: number): number {
    return this.memoryMiB[hostIndex] ?? 0;
  }

  /** Cores a pool's control partition spent forwarding I/O over the last whole second. */
  controlCores(poolIndex: number): number {
    return this.forward[poolIndex] ?? 0;
  }

  of(hostIndex: number): Host['utilisation'] {
    const cores = this.cores[hostIndex] ?? 0;
    const memory = this.physicalMiB[hostIndex] ?? 0;
    return {
      cpuPct: cores > 0 ? round1((100 * this.busyCoresOf(hostIndex)) / cores) : 0,
      memoryPct: memory > 0 ? round1((100 * this.memoryUsedMiB(hostIndex)) / memory) : 0,
    };
  }
}

function resized(array: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(length);
  next.set(array.subarray(0, Math.min(length, array.length)));
  return next;
}
