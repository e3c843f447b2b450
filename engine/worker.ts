// Engine worker thread entry: the only file that touches worker_threads; the logic lives in WorkerSession.
import { parentPort } from 'node:worker_threads';
import type { WorkerToMain } from '../shared/engine/protocol.ts';
import { WorkerSession } from './workerSession.ts';

if (!parentPort) throw new Error('engine/worker.ts must be started as a worker thread');
const port = parentPort;

const session = new WorkerSession({
  post: (message) => port.postMessage(message),
  scheduler: {
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  },
  crash: (reason) => {
    // Thrown from a timer, outside any handler, so the thread dies with an 'error' event like a real fault.
    setTimeout(() => {
      throw new Error(`Engine crashed on request: ${reason}`);
    }, 0);
  },
});

port.on('message', (message: unknown) => session.receive(message));
port.postMessage({ kind: 'ready' } satisfies WorkerToMain);
