// Copy-on-write arithmetic: containers on one host store each image layer once, plus one writable layer each.
import type { CatalogueImage } from './imageCatalogue.ts';

export interface ContainerLayers {
  readonly image: CatalogueImage;
  /** Its own writable (upper) layer. */
  readonly writableMiB: number;
}

export interface LayerUsageTotals {
  /** Distinct read-only layers, each counted once however many containers read it. */
  readonly layersMiB: number;
  readonly writableMiB: number;
  /** What full copies would take: every container its whole image plus its writable layer. */
  readonly unsharedMiB: number;
  readonly containers: number;
}

export function layerUsage(containers: readonly ContainerLayers[]): LayerUsageTotals {
  const distinct = new Map<string, number>();
  let writableMiB = 0;
  let unsharedMiB = 0;
  for (const container of containers) {
    for (const layer of container.image.layers) {
      distinct.set(layer.digest, layer.sizeMiB);
      unsharedMiB += layer.sizeMiB;
    }
    writableMiB += container.writableMiB;
    unsharedMiB += container.writableMiB;
  }
  let layersMiB = 0;
  for (const size of distinct.values()) layersMiB += size;
  return { layersMiB, writableMiB, unsharedMiB, containers: containers.length };
}

/** Per layer digest: how many of `containers` read it. */
export function layerReaders(containers: readonly ContainerLayers[]): Map<string, number> {
  const readers = new Map<string, number>();
  for (const container of containers) for (const layer of container.image.layers) readers.set(layer.digest, (readers.get(layer.digest) ?? 0) + 1);
  return readers;
}
