// Tests for the telemetry store: subscription follows the selection, samples land in ring buffers outside reactivity.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { isProxy, nextTick } from 'vue';
import { useTelemetryStore } from './telemetryStore.ts';
import { useMachinesStore } from './machinesStore.ts';
import { useConnectionStore } from './connectionStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';

let backend: FakeBackend;
const off = makeMachine({ name: 'a-off' });
const running = makeMachine({ name: 'b-running', state: 'Running', memoryMiB: 2048 });

async function started() {
  const machines = useMachinesStore();
  useConnectionStore().attach();
  machines.attach();
  const telemetry = useTelemetryStore();
  telemetry.attach();
  await machines.load();
  await flushPromises();
  return { machines, telemetry };
}

beforeEach(() => {
  backend = setupStores([structuredClone(off), structuredClone(running)]);
});

describe('telemetry store', () => {
  it('subscribes to the selected machine only while it is running or paused', async () => {
    const { machines } = await started();
    expect(machines.selected?.name).toBe('a-off');
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ machineIds: [] });
    machines.select(running.id);
    await flushPromises();
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ machineIds: [running.id] });
    const count = backend.callsOf('setTelemetrySubscription').length;
    backend.emit('machineUpserted', { ...running, state: 'Paused', stateSinceMs: 5 });
    await flushPromises();
    expect(backend.callsOf('setTelemetrySubscription')).toHaveLength(count);
    backend.emit('machineUpserted', { ...running, state: 'PoweredOff', stateSinceMs: 6 });
    await flushPromises();
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ machineIds: [] });
  });

  it('stores samples as CPU % and memory-used % and bumps the version', async () => {
    const { machines, telemetry } = await started();
    machines.select(running.id);
    await flushPromises();
    const before = telemetry.version;
    backend.emit('telemetry', { simTimeMs: 1000, machineIds: [running.id, off.id], cpuPct: [12.5, 99], memoryUsedMiB: [512, 1] });
    backend.emit('telemetry', { simTimeMs: 2000, machineIds: [running.id], cpuPct: [40], memoryUsedMiB: [1024] });
    expect(telemetry.version).toBe(before + 2);
    expect(telemetry.snapshot(running.id)).toEqual({ timesMs: [1000, 2000], cpuPct: [12.5, 40], memoryPct: [25, 50] });
    expect(telemetry.snapshot(off.id)).toBeNull();
  });

  it('keeps the buffers out of Vue reactivity and hands out copies', async () => {
    const { machines, telemetry } = await started();
    machines.select(running.id);
    await flushPromises();
    backend.emit('telemetry', { simTimeMs: 1000, machineIds: [running.id], cpuPct: [10], memoryUsedMiB: [100] });
    const snap = telemetry.snapshot(running.id);
    expect(snap && isProxy(snap.cpuPct)).toBe(false);
    snap?.cpuPct.push(77);
    expect(telemetry.snapshot(running.id)?.cpuPct).toEqual([10]);
  });

  it('keeps at most 60 samples per machine', async () => {
    const { machines, telemetry } = await started();
    machines.select(running.id);
    await flushPromises();
    for (let s = 1; s <= 75; s += 1) {
      backend.emit('telemetry', { simTimeMs: s * 1000, machineIds: [running.id], cpuPct: [s], memoryUsedMiB: [0] });
    }
    const snap = telemetry.snapshot(running.id);
    expect(snap?.cpuPct).toHaveLength(60);
    expect(snap?.cpuPct[0]).toBe(16);
  });

  it('drops the samples of a machine it stops watching', async () => {
    const { machines, telemetry } = await started();
    machines.select(running.id);
    await flushPromises();
    backend.emit('telemetry', { simTimeMs: 1000, machineIds: [running.id], cpuPct: [10], memoryUsedMiB: [100] });
    machines.select(off.id);
    await nextTick();
    expect(telemetry.snapshot(running.id)).toBeNull();
  });

  it('sends the subscription again after a reconnection', async () => {
    const { machines } = await started();
    machines.select(running.id);
    await flushPromises();
    const count = backend.callsOf('setTelemetrySubscription').length;
    backend.setConnectionState('closed');
    backend.setConnectionState('open');
    await flushPromises();
    expect(backend.callsOf('setTelemetrySubscription')).toHaveLength(count + 1);
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ machineIds: [running.id] });
  });
});
