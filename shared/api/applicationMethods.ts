// API methods for containers and applications: runtime details, the image catalogue, deploying and operating
// applications across the container hosts. Spread into the one method table (methods.ts).
import { z } from 'zod';
import { applicationFileMaxBytes, applicationLimits, serviceNameSchema } from '../domain/applicationSpec.ts';
import { applicationViewSchema, containerNodeSchema } from '../domain/applicationView.ts';
import { imageCatalogueSchema } from '../domain/containerImages.ts';
import { imageRefSchema } from '../domain/containerSpec.ts';
import { machineIdSchema } from '../domain/machine.ts';
import { runtimeDetailsSchema } from '../domain/runtimeDetails.ts';
import { method } from './methodDef.ts';
import type { MethodDef } from './methodDef.ts';

const appId = z.string({ error: 'Application id must be text' }).min(1, 'Choose an application').max(100, 'Application id is too long');
const service = serviceNameSchema;
const hostId = z.string({ error: 'Host id must be text' }).min(1, 'Choose a host').max(100, 'Host id is too long');

export const applicationMethods = {
  getRuntimeDetails: method({
    input: z.strictObject({ id: machineIdSchema }),
    output: runtimeDetailsSchema,
    doc: "What a machine is beyond virtual hardware: a container's image, layers, command, environment, ports, volumes, cgroup limits, namespaces and network; a process VM's heap, GC pauses and JIT warm-up; shape \"machine\" otherwise.",
  }),
  listImages: method({
    input: z.strictObject({}),
    output: imageCatalogueSchema,
    doc: 'The image catalogue: every image with its layers and sizes, where it is pulled and who uses it; per host, the space layer sharing saves.',
  }),
  listApplications: method({ input: z.strictObject({}), output: z.array(applicationViewSchema), doc: 'Every deployed application with its services, replicas and recent events.' }),
  getApplication: method({ input: z.strictObject({ id: appId }), output: applicationViewSchema, doc: 'One application by id; NOT_FOUND when it does not exist.' }),
  deployApplication: method({
    input: z.strictObject({
      /** The file's text: Compose-like YAML or JSON. */
      source: z.string({ error: 'The application file must be text' }).max(applicationFileMaxBytes, `The application file must be at most ${applicationFileMaxBytes / 1024} KiB`),
      fileName: z.string().max(255).optional(),
    }),
    output: applicationViewSchema,
    doc: 'Deploys an application file (Compose-like YAML or JSON), or applies it to the deployed application of that name. VALIDATION names the field and line of the first problem.',
  }),
  removeApplication: method({ input: z.strictObject({ id: appId }), output: z.object({ id: z.string() }), doc: 'Stops and removes an application and all its replicas.' }),
  scaleService: method({
    input: z.strictObject({ id: appId, service, replicas: z.number({ error: 'Replicas must be a number' }).int('Replicas must be a whole number').min(0, 'Replicas must not be negative').max(applicationLimits.replicas, `Replicas must be at most ${applicationLimits.replicas}`) }),
    output: applicationViewSchema,
    doc: "Sets a service's replica count; new replicas are scheduled, extra ones stop (not-ready ones first).",
  }),
  rolloutService: method({
    input: z.strictObject({ id: appId, service, image: imageRefSchema }),
    output: applicationViewSchema,
    doc: 'Rolling update of a service to another image version within its max surge and max unavailable.',
  }),
  rollbackService: method({ input: z.strictObject({ id: appId, service }), output: applicationViewSchema, doc: "Rolls a service back to its previous revision's image (as a new revision)." }),
  failContainer: method({
    input: z.strictObject({ id: appId, service, replicaId: z.string().min(1).max(300).optional() }),
    output: applicationViewSchema,
    doc: "Makes one replica's main process fail, as a crash would; its restart policy applies (the first ready replica when none is named).",
  }),
  failContainerHost: method({
    input: z.strictObject({ hostId }),
    output: z.array(containerNodeSchema),
    doc: 'Fails a container host: its replicas are evicted and rescheduled on the other hosts. Returns every container host.',
  }),
  recoverContainerHost: method({ input: z.strictObject({ hostId }), output: z.array(containerNodeSchema), doc: 'Brings a failed container host back; pending replicas may be placed on it.' }),
  listContainerNodes: method({ input: z.strictObject({}), output: z.array(containerNodeSchema), doc: 'Hosts that run a container platform: up or failed, pod subnet, allocatable and requested CPU and memory.' }),
} as const satisfies Record<string, MethodDef>;
