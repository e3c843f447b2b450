// The backend's container and application methods: application files are read here (YAML or JSON, errors naming the
// field and line), everything else goes to the engine as is.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { applicationMethods } from '../../shared/api/applicationMethods.ts';
import type { MethodOutput } from '../../shared/api/methods.ts';
import { parseApplicationFile } from '../../shared/domain/applicationFile.ts';
import type { EnginePort } from './enginePort.ts';

type ApplicationMethod = keyof typeof applicationMethods;
type Handlers = { [M in ApplicationMethod]: (input: z.output<(typeof applicationMethods)[M]['input']>) => Promise<MethodOutput<M>> };

export function applicationApi(engine: EnginePort): Handlers {
  return {
    getRuntimeDetails: ({ id }) => engine.request('getRuntimeDetails', { id }),
    listImages: () => engine.request('listImages', {}),
    listApplications: () => engine.request('listApplications', {}),
    getApplication: ({ id }) => engine.request('getApplication', { id }),
    deployApplication: async ({ source, fileName }) => {
      const spec = parseApplicationFile(source, fileName === undefined ? 'The application file' : plainName(fileName));
      return engine.request('deployApplication', { id: randomUUID(), spec });
    },
    removeApplication: ({ id }) => engine.request('removeApplication', { id }),
    scaleService: (input) => engine.request('scaleService', input),
    rolloutService: (input) => engine.request('rolloutService', input),
    rollbackService: (input) => engine.request('rollbackService', input),
    failContainer: (input) => engine.request('failContainer', input),
    failContainerHost: ({ hostId }) => engine.request('failContainerHost', { hostId }),
    recoverContainerHost: ({ hostId }) => engine.request('recoverContainerHost', { hostId }),
    listContainerNodes: () => engine.request('listContainerNodes', {}),
  };
}

/** A file name as said in messages: its last path segment, without control characters. */
function plainName(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- names come from clients and are echoed in messages
  const base = fileName.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '');
  return base === '' ? 'The application file' : base;
}
