// Container images as the catalogue lists them: read-only layers shared copy-on-write by every container made from them.
import { z } from 'zod';

export const imageLayerSchema = z.object({
  /** Content address, e.g. "sha256:3f1e…" (shortened); the same layer in two images is stored once. */
  digest: z.string(),
  sizeMiB: z.number().nonnegative(),
  /** The Dockerfile step that made it, e.g. "apt-get install postgresql-16". */
  createdBy: z.string(),
});
export type ImageLayer = z.infer<typeof imageLayerSchema>;

export const imageInfoSchema = z.object({
  /** "nginx:1.27". */
  ref: z.string(),
  repository: z.string(),
  tag: z.string(),
  description: z.string(),
  /** OS type of its userland (what a container made from it reports as its OS). */
  os: z.string(),
  /** Sum of its layers. */
  sizeMiB: z.number().nonnegative(),
  /** Bottom layer first. */
  layers: z.array(imageLayerSchema),
  /** What runs when no command is given. */
  command: z.array(z.string()),
  exposedPorts: z.array(z.number().int()),
  /** Memory the process needs when idle (MiB); a limit below it gets the container OOM-killed. */
  baseMemoryMiB: z.number().nonnegative(),
  /** Processes and threads it runs when idle (what pids.max counts). */
  processes: z.number().int().nonnegative(),
  /** What is special about this version, e.g. "crashes on start: needs schema 7". */
  notes: z.string().optional(),
  /** Hosts whose layer cache holds every layer (pulled). */
  pulledOn: z.array(z.string()),
  /** Containers and replicas using it now. */
  usedBy: z.number().int().nonnegative(),
});
export type ImageInfo = z.infer<typeof imageInfoSchema>;

/** Per host: what the layer cache holds, and what it would take if each container had its own copy of its image. */
export const layerUsageSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  /** Distinct layers the host's containers read, each counted once however many read it. */
  layersMiB: z.number().nonnegative(),
  /** Every layer in the host's cache, including images no container uses any more (until pruned). */
  cachedMiB: z.number().nonnegative(),
  /** Every container's own writable layer. */
  writableMiB: z.number().nonnegative(),
  containers: z.number().int().nonnegative(),
  /** layers × containers if nothing were shared (what full copies would take). */
  unsharedMiB: z.number().nonnegative(),
});
export type LayerUsage = z.infer<typeof layerUsageSchema>;

export const imageCatalogueSchema = z.object({ images: z.array(imageInfoSchema), usage: z.array(layerUsageSchema) });
export type ImageCatalogue = z.infer<typeof imageCatalogueSchema>;
