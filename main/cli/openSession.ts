// Picks how the CLI reaches the library: through a running Virtlab that published its endpoint, else in this process.
import { processIsAlive } from '../node/library/libraryLock.ts';
import { readEndpoint } from '../node/endpointFile.ts';
import { openInProcessSession } from './inProcessSession.ts';
import type { OpenSession } from './inProcessSession.ts';
import { openRemoteSession } from './remoteSession.ts';

export const openSession: OpenSession = async (options) => {
  const endpoint = await readEndpoint(options.libraryDir);
  if (endpoint !== undefined && processIsAlive(endpoint.pid)) {
    try {
      return await openRemoteSession(endpoint, options);
    } catch (error) {
      // A stale or unreachable endpoint: opening in-process either works (the lock is stale too) or says who holds it.
      options.note(`could not reach the running Virtlab (pid ${endpoint.pid}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return openInProcessSession(options);
};
