// Polls a machine until it reaches one of the wanted states (start/stop take simulated seconds), with a time limit.
import type { AppApi } from '../../shared/api/methods.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';
import { AppError } from '../../shared/errors.ts';

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

export async function waitForState(api: AppApi, id: string, wanted: readonly MachineState[], options: WaitOptions = {}): Promise<Machine> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const machine = await api.getMachine({ id });
    if (wanted.includes(machine.state)) return machine;
    if (Date.now() >= deadline) {
      throw new AppError('TIMEOUT', `"${machine.name}" is still ${machine.state} after ${timeoutMs / 1000} s (waiting for ${wanted.join(' or ')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
