// A container's own settings (image, command, environment, ports, volumes, cgroup limits, restart policy): the
// configuration a container has instead of virtual hardware.
import { z } from 'zod';

/** "nginx:1.27", "virtlab/shop-api:1.1"; the tag is "latest" when omitted. */
export const imageRefSchema = z
  .string({ error: 'Image must be text like nginx:1.27' })
  .trim()
  .min(1, 'Choose an image')
  .max(128, 'Image name must be at most 128 characters')
  .regex(/^[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?$/, 'Image must look like name:tag, e.g. nginx:1.27');

/** Docker's restart policies: what happens when the container's main process exits or is killed. */
export const restartPolicies = ['no', 'on-failure', 'always', 'unless-stopped'] as const;
export const restartPolicySchema = z.enum(restartPolicies, { error: `Restart policy must be one of ${restartPolicies.join(', ')}` });
export type RestartPolicy = z.infer<typeof restartPolicySchema>;

export const portNumberSchema = z.number({ error: 'Port must be a number' }).int('Port must be a whole number').min(1, 'Port must be 1–65535').max(65535, 'Port must be 1–65535');

/** `-p 8080:80`: the host port the kernel forwards to the container's port. */
export const publishedPortSchema = z.strictObject({ host: portNumberSchema, container: portNumberSchema });
export type PublishedPort = z.infer<typeof publishedPortSchema>;

const envNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Environment variable names are letters, digits and _ (not starting with a digit)');

export const volumeSchema = z.strictObject({
  /** A named volume (kept when the container goes) mounted at `path`. */
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, 'Volume names are letters, digits, _ . and -'),
  // eslint-disable-next-line no-control-regex -- paths are shown in terminals and lists
  path: z.string().regex(/^\/[^\u0000-\u001f]{0,199}$/, 'A mount path is absolute, e.g. /var/lib/data'),
});
export type Volume = z.infer<typeof volumeSchema>;

export const containerLimits = {
  cpuShares: { min: 2, max: 262_144, default: 1024 },
  cpuQuota: { min: 0.01, max: 64 },
  pids: { min: 1, max: 32_768, default: 4096 },
} as const;

/** What a user may give when creating a container; omitted fields get Docker's defaults. */
export const containerSpecSchema = z.strictObject({
  image: imageRefSchema,
  /** Replaces the image's default command. */
  command: z.array(z.string().max(200)).max(20, 'At most 20 command words').optional(),
  env: z.record(envNameSchema, z.string().max(1000)).optional(),
  ports: z.array(publishedPortSchema).max(16, 'At most 16 published ports').optional(),
  volumes: z.array(volumeSchema).max(8, 'At most 8 volumes').optional(),
  /** cpu.weight relative to other containers (Docker --cpu-shares, 1024 = normal). */
  cpuShares: z.number().int('CPU shares must be a whole number').min(containerLimits.cpuShares.min).max(containerLimits.cpuShares.max).optional(),
  /** cpu.max as cores (Docker --cpus); unlimited when omitted. */
  cpuQuota: z.number({ error: 'CPU quota must be a number of cores' }).min(containerLimits.cpuQuota.min, 'CPU quota must be at least 0.01 cores').max(containerLimits.cpuQuota.max).optional(),
  /** pids.max: processes and threads the container may have. */
  pidsLimit: z.number().int('PIDs limit must be a whole number').min(containerLimits.pids.min, 'PIDs limit must be at least 1').max(containerLimits.pids.max).optional(),
  restartPolicy: restartPolicySchema.optional(),
});
export type ContainerSpec = z.infer<typeof containerSpecSchema>;

/** The same with every default filled in, as kept in the machine's record. */
export const containerSettingsSchema = z.strictObject({
  image: imageRefSchema,
  command: z.array(z.string().max(200)).max(20),
  env: z.record(envNameSchema, z.string().max(1000)),
  ports: z.array(publishedPortSchema).max(16),
  volumes: z.array(volumeSchema).max(8),
  cpuShares: z.number().int().min(containerLimits.cpuShares.min).max(containerLimits.cpuShares.max),
  cpuQuota: z.number().min(containerLimits.cpuQuota.min).max(containerLimits.cpuQuota.max).optional(),
  pidsLimit: z.number().int().min(containerLimits.pids.min).max(containerLimits.pids.max),
  restartPolicy: restartPolicySchema,
});
export type ContainerSettings = z.infer<typeof containerSettingsSchema>;
