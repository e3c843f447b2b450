// Promise helpers for tests: wait for the next engine-host event matching a condition (no sleeps).
import type { Machine } from '../../../shared/domain/machine.ts';
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

/** The next machine, in a batch of changes, that matches (e.g. a given machine reaching Running). */
export function nextMachine(host: Pick<EnginePort, 'on'>, match: (machine: Machine) => boolean): Promise<Machine> {
  return nextEvent(host, 'changes', (changes) => changes.machines.some(match)).then((changes) => changes.machines.find(match)!);
}
