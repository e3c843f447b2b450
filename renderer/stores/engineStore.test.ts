// Tests for engine status handling: the crash notice, re-fetching machines, and the simulated clock.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { useEngineStore } from './engineStore.ts';
import { useMachinesStore } from './machinesStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';

let backend: FakeBackend;
const web = makeMachine({ name: 'web', state: 'Running' });
const base: EngineStatus = { state: 'running', restarts: 0, simTimeMs: 10_000, speed: 1 };

beforeEach(() => {
  backend = setupStores([structuredClone(web)]);
});

describe('engine store', () => {
  it('takes the first status as a baseline without a notice', async () => {
    backend.engineStatus = { ...base, restarts: 2 };
    const engine = useEngineStore();
    await engine.load();
    expect(engine.notice).toBeNull();
    expect(engine.label).toBe('Engine running');
  });

  it('raises a notice and re-fetches machines when restarts increases', async () => {
    const engine = useEngineStore();
    const machines = useMachinesStore();
    engine.attach();
    await engine.load();
    await machines.load();
    backend.machines[0]!.state = 'PoweredOff';
    backend.machines[0]!.stateSinceMs = 20_000;
    backend.emit('engineStatus', {
      ...base,
      restarts: 1,
      lastCrash: { atIso: '2025-01-01T00:00:00.000Z', reason: 'worker exited with code 1', machinesPoweredOff: 3 },
    });
    expect(engine.notice).toBe('Engine restarted after a crash: worker exited with code 1. 3 running machines were powered off.');
    await flushPromises();
    expect(machines.byId(web.id)?.state).toBe('PoweredOff');
  });

  it('uses the singular for one machine and can be dismissed', () => {
    const engine = useEngineStore();
    engine.apply(base);
    engine.apply({ ...base, restarts: 1, lastCrash: { atIso: 'x', reason: 'boom.', machinesPoweredOff: 1 } });
    expect(engine.notice).toBe('Engine restarted after a crash: boom. 1 running machine was powered off.');
    engine.dismissNotice();
    expect(engine.notice).toBeNull();
  });

  it('advances the simulated clock at the engine speed between updates, and stands still when not running', () => {
    const engine = useEngineStore();
    engine.apply({ ...base, speed: 2 }, 1_000);
    expect(engine.simTimeAt(1_500)).toBe(11_000);
    engine.observeSimTime(12_000, 2_000);
    expect(engine.simTimeAt(2_250)).toBe(12_500);
    engine.apply({ ...base, state: 'restarting' }, 3_000);
    expect(engine.simTimeAt(9_000)).toBe(10_000);
  });
});
