// Promise helpers for tests: wait for the next engine-host event matching a condition (no sleeps).
import type { EngineHostEvents, EnginePort } from '../enginePort.ts';

export function nextEvent<K extends keyof EngineHostEvents>(
  host: Pick<EnginePort, 'on'>,
  event: K,
  match: (payload: EngineHostEvents[K]) => boolean = () => true,
): Promise<EngineHostEvents[K]> {
  return new Promise((resolve) => {
    const off = host.on(event, (payload) => {
      if (!match(payload)) return;
      off();
      resolve(payload);
    });
  });
}
