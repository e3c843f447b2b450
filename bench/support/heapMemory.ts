// The heap a benchmark holds after a full collection: JS heap plus array buffers, for bytes-per-item figures.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Returns a function measuring live memory after forcing a garbage collection (exposing `gc` on first use). */
export function heapMeter(): () => number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
}
