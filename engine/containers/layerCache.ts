// Per host: the image layers its container runtime has pulled (each stored once, read by every container that needs
// it), and when each will have finished downloading. Standalone containers and application replicas share it.
import type { CatalogueImage, Layer } from './imageCatalogue.ts';

/** Registry download speed the simulation assumes (MiB per simulated second). */
export const pullMiBPerS = 60;

export interface PullPlan {
  /** Layers not cached yet, which this pull downloads. */
  readonly missing: readonly Layer[];
  readonly downloadMiB: number;
  /** When every layer of the image is on the host (now, when all were cached). */
  readonly readyAtMs: number;
}

export class LayerCache {
  /** host id → layer digest → simulated time the layer is (or will be) complete on that host. */
  readonly #hosts = new Map<string, Map<string, { readonly layer: Layer; readonly readyAtMs: number }>>();

  /**
   * Starts pulling what `image` lacks on `hostId`. A layer another pull is already downloading is waited for, not
   * fetched twice; new layers download one after another at `pullMiBPerS`.
   */
  pull(hostId: string, image: CatalogueImage, nowMs: number): PullPlan {
    const cached = this.#host(hostId);
    const missing = image.layers.filter((l) => !cached.has(l.digest));
    const downloadMiB = missing.reduce((sum, l) => sum + l.sizeMiB, 0);
    let readyAtMs = nowMs;
    for (const l of image.layers) {
      const entry = cached.get(l.digest);
      if (entry && entry.readyAtMs > readyAtMs) readyAtMs = entry.readyAtMs;
    }
    let at = nowMs;
    for (const l of missing) {
      at += Math.ceil((l.sizeMiB / pullMiBPerS) * 1000);
      cached.set(l.digest, { layer: l, readyAtMs: at });
    }
    return { missing, downloadMiB, readyAtMs: Math.max(readyAtMs, at) };
  }

  /** Marks the image as present now (restored containers pulled it before the restart). */
  adopt(hostId: string, image: CatalogueImage): void {
    const cached = this.#host(hostId);
    for (const l of image.layers) if (!cached.has(l.digest)) cached.set(l.digest, { layer: l, readyAtMs: 0 });
  }

  hasImage(hostId: string, image: CatalogueImage, nowMs: number): boolean {
    const cached = this.#hosts.get(hostId);
    return cached !== undefined && image.layers.every((l) => (cached.get(l.digest)?.readyAtMs ?? Infinity) <= nowMs);
  }

  /** Distinct layers stored on the host, each counted once. */
  storedMiB(hostId: string): number {
    let sum = 0;
    for (const entry of this.#hosts.get(hostId)?.values() ?? []) sum += entry.layer.sizeMiB;
    return sum;
  }

  hostIds(): string[] {
    return [...this.#hosts.keys()];
  }

  #host(hostId: string): Map<string, { readonly layer: Layer; readonly readyAtMs: number }> {
    let cached = this.#hosts.get(hostId);
    if (!cached) {
      cached = new Map();
      this.#hosts.set(hostId, cached);
    }
    return cached;
  }
}
