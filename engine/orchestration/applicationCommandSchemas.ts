// Input checks for the engine's container and application commands (the worker never trusts a message).
import { z } from 'zod';
import { applicationLimits, applicationSpecSchema, serviceNameSchema } from '../../shared/domain/applicationSpec.ts';
import { imageRefSchema } from '../../shared/domain/containerSpec.ts';

const id = (label: string) => z.string({ error: `${label} must be a string` }).min(1, `${label} must not be empty`).max(100);
const noInput = z.unknown();

export const applicationCommandSchemas = {
  getRuntimeDetails: z.object({ id: id('Machine id') }),
  listImages: noInput,
  listApplications: noInput,
  getApplication: z.object({ id: id('Application id') }),
  deployApplication: z.object({ id: id('Application id'), spec: applicationSpecSchema }),
  removeApplication: z.object({ id: id('Application id') }),
  scaleService: z.object({
    id: id('Application id'),
    service: serviceNameSchema,
    replicas: z.number({ error: 'replicas must be a number' }).int('replicas must be a whole number').min(0, 'replicas must not be negative').max(applicationLimits.replicas, `replicas must be at most ${applicationLimits.replicas}`),
  }),
  rolloutService: z.object({ id: id('Application id'), service: serviceNameSchema, image: imageRefSchema }),
  rollbackService: z.object({ id: id('Application id'), service: serviceNameSchema }),
  failContainer: z.object({ id: id('Application id'), service: serviceNameSchema, replicaId: id('Replica id').max(300).optional() }),
  failContainerHost: z.object({ hostId: id('hostId') }),
  recoverContainerHost: z.object({ hostId: id('hostId') }),
  listContainerNodes: noInput,
} as const;

export type ApplicationCommand = keyof typeof applicationCommandSchemas;
