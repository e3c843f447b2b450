// Tests for the live chart: Chart.js set up without animation, fed plain copies, redrawn at most once per frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { isProxy, nextTick } from 'vue';
import LiveResourceChart from './LiveResourceChart.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useTelemetryStore } from '../stores/telemetryStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { FakeChart } from '../test/fakeChart.ts';

let backend: FakeBackend;
let frames: FrameRequestCallback[];
const machine = makeMachine({ name: 'web', state: 'Running', memoryMiB: 1000 });

function runFrames(): void {
  const pending = frames;
  frames = [];
  for (const frame of pending) frame(performance.now());
}

beforeEach(async () => {
  frames = [];
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => undefined);
  backend = setupStores([structuredClone(machine)]);
  const machines = useMachinesStore();
  machines.attach();
  useTelemetryStore().attach();
  await machines.load();
  await flushPromises();
});
afterEach(() => vi.restoreAllMocks());

function sample(second: number, cpu: number, memoryMiB: number): void {
  backend.emitSamples([second * 1000], (_id, metric) => (metric === 'cpuPct' ? cpu : memoryMiB));
}

async function mountChart() {
  const wrapper = mountWithApp(LiveResourceChart, { props: { machine } });
  // Subscribe now rather than after the store's debounce.
  await useTelemetryStore().sync();
  await nextTick();
  const chart = FakeChart.instances[0];
  if (!chart) throw new Error('chart not created');
  return { wrapper, chart };
}

describe('LiveResourceChart', () => {
  it('draws on a labelled canvas with animation off, outside Vue reactivity', async () => {
    const { chart } = await mountChart();
    const canvas = document.querySelector('canvas');
    expect(canvas?.getAttribute('aria-label')).toBe('CPU and memory chart');
    expect(chart.canvas).toBe(canvas);
    expect(chart.options.animation).toBe(false);
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['CPU % of guest vCPUs', 'Memory used %']);
    expect(isProxy(chart)).toBe(false);
  });

  it('redraws once per animation frame with update("none") however many batches arrive', async () => {
    const { chart } = await mountChart();
    const before = chart.updates.length;
    sample(1, 10, 250);
    sample(2, 20, 500);
    sample(3, 30, 750);
    await nextTick();
    expect(frames).toHaveLength(1);
    runFrames();
    expect(chart.updates.length).toBe(before + 1);
    const last = chart.updates.at(-1);
    expect(last?.mode).toBe('none');
    expect(last?.labels).toHaveLength(60);
    expect(last?.datasets[0]?.slice(-3)).toEqual([10, 20, 30]);
    expect(last?.datasets[1]?.slice(-3)).toEqual([25, 50, 75]);
  });

  it('backfills the last minute from the recorded history, then continues live with no hole where they meet', async () => {
    backend.overrides.getTelemetryHistory = (input) => {
      const request = input as { machineId: string; range: string };
      const times = [8000, 9000, 10_000];
      return {
        machineId: request.machineId,
        range: request.range,
        resolutionMs: 1000,
        simTimeMs: times,
        series: { cpuPct: { avg: [10, 20, 30], min: [10, 20, 30], max: [10, 20, 30] }, memUsedMiB: { avg: [100, 200, 300], min: [100, 200, 300], max: [100, 200, 300] } },
        oldestMs: 8000,
      };
    };
    const { chart, wrapper } = await mountChart();
    await flushPromises();
    runFrames();
    // Before any live sample: the recorded minute is already drawn, not an empty chart.
    expect(backend.callsOf('getTelemetryHistory').at(-1)).toEqual({ machineId: machine.id, range: '1m', metrics: ['cpuPct', 'memUsedMiB'], maxPoints: 60 });
    expect(chart.updates.at(-1)?.datasets[0]?.slice(-3)).toEqual([10, 20, 30]);
    expect(wrapper.text()).toContain('CPU 30 %');
    sample(11, 40, 400);
    await nextTick();
    runFrames();
    expect(chart.updates.at(-1)?.datasets[0]?.slice(-4)).toEqual([10, 20, 30, 40]);
    expect(chart.updates.at(-1)?.datasets[1]?.slice(-4)).toEqual([10, 20, 30, 40]);
  });

  it('hands Chart.js new plain arrays on every redraw', async () => {
    const { chart } = await mountChart();
    sample(1, 10, 100);
    await nextTick();
    runFrames();
    const first = chart.data.datasets[0]?.data;
    sample(2, 20, 100);
    await nextTick();
    runFrames();
    const second = chart.data.datasets[0]?.data;
    expect(second).not.toBe(first);
    expect(isProxy(second)).toBe(false);
    // Chart.js may mutate what it was given; the store must not notice.
    second?.push(999);
    const ring = useTelemetryStore().samples(machine.id)?.history;
    expect(ring && [ring.valueAt(0, 0), ring.valueAt(1, 0)]).toEqual([10, 20]);
  });

  it('subscribes to CPU and memory of its machine while mounted', async () => {
    const { wrapper } = await mountChart();
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ groups: [{ machineIds: [machine.id], metrics: ['cpuPct', 'memUsedMiB'] }] });
    wrapper.unmount();
    await useTelemetryStore().sync();
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ groups: [] });
  });

  it('destroys the chart and cancels a pending frame when unmounted', async () => {
    const { wrapper, chart } = await mountChart();
    sample(1, 10, 100);
    await nextTick();
    wrapper.unmount();
    expect(chart.destroy).toHaveBeenCalled();
    expect(window.cancelAnimationFrame).toHaveBeenCalled();
  });
});
