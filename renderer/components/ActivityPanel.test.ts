// Tests for the Activity tab: four charts fed from the rings once per frame, history per range, pause, CSV of what is shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { isProxy, nextTick } from 'vue';
import ActivityPanel from './ActivityPanel.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useTelemetryStore } from '../stores/telemetryStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { FakeChart } from '../test/fakeChart.ts';
import { telemetryMetricIndex, telemetryMetrics } from '../../shared/domain/telemetry.ts';

let backend: FakeBackend;
let frames: FrameRequestCallback[];
const machine = makeMachine({ name: 'web-01', state: 'Running', memoryMiB: 2048 });

function runFrames(): void {
  const pending = frames;
  frames = [];
  for (const frame of pending) frame(performance.now());
}

/** Each metric's value at second s: its index × 10 + s, so every series and second differs. */
function samples(...seconds: number[]): void {
  backend.emitSamples(
    seconds.map((s) => s * 1000),
    (_id, metric, time) => telemetryMetricIndex[metric] * 10 + time / 1000,
  );
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
});
afterEach(() => vi.restoreAllMocks());

async function mountPanel() {
  const wrapper = mountWithApp(ActivityPanel, { props: { machine } });
  await useTelemetryStore().sync();
  await flushPromises();
  return wrapper;
}

const summary = (wrapper: Awaited<ReturnType<typeof mountPanel>>, chart: string) => wrapper.find(`[aria-label="${chart} current values"]`).text();

describe('ActivityPanel', () => {
  it('draws four labelled charts, subscribing to every metric of the machine', async () => {
    const wrapper = await mountPanel();
    expect(FakeChart.instances).toHaveLength(4);
    expect(wrapper.findAll('canvas').map((c) => c.attributes('aria-label'))).toEqual([
      'CPU chart of web-01',
      'Memory chart of web-01',
      'Disk chart of web-01',
      'Network chart of web-01',
    ]);
    const groups = (backend.callsOf('setTelemetrySubscription').at(-1) as { groups: { machineIds: string[]; metrics: string[] }[] }).groups;
    expect(groups).toEqual([{ machineIds: [machine.id], metrics: expect.arrayContaining(['cpuGuestPct', 'memSwappedMiB', 'netTxMBps']) as unknown }]);
    expect(groups[0]?.metrics).toHaveLength(12);
    expect(backend.callsOf('getTelemetryHistory')).toEqual([{ machineId: machine.id, range: '1m', metrics: [...telemetryMetrics], maxPoints: 60 }]);
  });

  it('redraws once per animation frame with update("none") and plain point arrays, stacking overhead on guest', async () => {
    const wrapper = await mountPanel();
    const cpu = FakeChart.instances[0];
    const before = cpu?.updates.length ?? 0;
    samples(1, 2);
    samples(3);
    await nextTick();
    expect(frames).toHaveLength(1);
    runFrames();
    await nextTick();
    expect(cpu?.updates.length).toBe(before + 1);
    const last = cpu?.updates.at(-1);
    expect(last?.mode).toBe('none');
    const [guest, overhead] = cpu?.data.datasets.map((d) => d.data as { x: number; y: number; v: number }[]) ?? [];
    expect(isProxy(guest)).toBe(false);
    // At 3 s: guest 13, overhead 23, drawn on top of guest at 36; the tooltip value stays 23.
    expect(guest?.at(-1)).toEqual({ x: 3000, y: 13, v: 13 });
    expect(overhead?.at(-1)).toEqual({ x: 3000, y: 36, v: 23 });
    expect(summary(wrapper, 'CPU')).toBe('Guest13 %VMM / overhead23 %Ready time33 %');
    expect(summary(wrapper, 'Memory')).toContain('Used43 MiB');
    expect(summary(wrapper, 'Memory')).toContain('Configured2048 MiB');
  });

  it('loads history for the chosen range', async () => {
    const wrapper = await mountPanel();
    await wrapper.get('button[aria-label="10 min: Last 10 minutes"]').trigger('click');
    await flushPromises();
    expect(backend.callsOf('getTelemetryHistory').at(-1)).toEqual({ machineId: machine.id, range: '10m', metrics: [...telemetryMetrics], maxPoints: 600 });
    expect(wrapper.get('button[aria-label="10 min: Last 10 minutes"]').attributes('aria-pressed')).toBe('true');
  });

  it('stops moving while paused and catches up on resume', async () => {
    const wrapper = await mountPanel();
    samples(1);
    await nextTick();
    runFrames();
    await nextTick();
    const frozen = summary(wrapper, 'CPU');
    await wrapper.get('button[aria-pressed="false"]:not([aria-label])').trigger('click');
    samples(2, 3);
    await nextTick();
    runFrames();
    await nextTick();
    expect(summary(wrapper, 'CPU')).toBe(frozen);
    expect(wrapper.text()).toContain('Paused at 00:00:01');
    await wrapper.get('button[aria-pressed="true"]:not([aria-label])').trigger('click');
    await nextTick();
    runFrames();
    await nextTick();
    expect(summary(wrapper, 'CPU')).toBe('Guest13 %VMM / overhead23 %Ready time33 %');
  });

  it('exports the CPU chart as CSV (one decimal) whose last row, rounded by the percentage rule, is what the summary shows', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const wrapper = await mountPanel();
    samples(1, 2);
    await nextTick();
    runFrames();
    await nextTick();
    await wrapper.get('button[aria-label="Export CPU data as CSV"]').trigger('click');
    expect(blobs).toHaveLength(1);
    const lines = (await blobs[0]?.text())?.trim().split('\n');
    expect(lines).toEqual([
      'Simulated time,Simulated ms,Guest (%),VMM / overhead (%),Ready time (%),CPU total (%)',
      '00:00:01,1000,11.0,21.0,31.0,1.0',
      '00:00:02,2000,12.0,22.0,32.0,2.0',
    ]);
    expect(summary(wrapper, 'CPU')).toBe('Guest12 %VMM / overhead22 %Ready time32 %');
  });

  it('labels the memory axis in one unit at round steps chosen from its top', async () => {
    await mountPanel();
    samples(1, 2);
    await nextTick();
    runFrames();
    const memory = FakeChart.instances[1];
    type Tick = { value: number };
    const y = (memory?.options.scales as { y: { max: number; afterBuildTicks: (scale: { ticks: Tick[] }) => void; ticks: { callback: (v: number) => string } } }).y;
    const scale = { ticks: [] as Tick[] };
    y.afterBuildTicks(scale);
    // 2048 MiB configured (plus headroom): half-GiB steps, every label in GiB.
    expect(y.max).toBe(2560);
    expect(scale.ticks.map((t) => y.ticks.callback(t.value))).toEqual(['0 GiB', '0.5 GiB', '1 GiB', '1.5 GiB', '2 GiB', '2.5 GiB']);
  });

  it('lets go of the subscription and pending frame when closed', async () => {
    const wrapper = await mountPanel();
    samples(1);
    await nextTick();
    wrapper.unmount();
    await useTelemetryStore().sync();
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ groups: [] });
    expect(window.cancelAnimationFrame).toHaveBeenCalled();
  });
});
