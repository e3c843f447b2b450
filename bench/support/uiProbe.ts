// What the UI bench measures inside a Chromium page: rAF frame times, long tasks, JS heap, WebSocket bytes received (via CDP).
/// <reference lib="dom" />
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

/** Installed before the app loads: records frame intervals and long tasks once `__virtlabProbe.recording` is set. */
function probeScript(): void {
  const probe = { recording: false, frames: [] as number[], longTasks: [] as number[] };
  (globalThis as unknown as { __virtlabProbe: typeof probe }).__virtlabProbe = probe;
  let last = 0;
  const tick = (now: number): void => {
    if (probe.recording && last > 0) probe.frames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    if (!probe.recording) return;
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
}

export interface PageMeasurement {
  frames: number;
  frameMs: { p50: number; p95: number; p99: number; max: number };
  /** Frames that came at least one vsync late (interval over 1.5 × 16.7 ms). */
  lateFrames: number;
  longTasks: number;
  longestTaskMs: number;
  /** Every long task's duration (over 50 ms, as the browser reports them). */
  longTaskMs: number[];
  jsHeapUsedBytes: number;
  jsHeapMaxBytes: number;
  wsBytesPerSecond: number;
  wsFramesPerSecond: number;
}

export class UiProbe {
  readonly #page: Page;
  #cdp: CDPSession | null = null;
  #bytes = 0;
  #messages = 0;
  #counting = false;
  #heapMax = 0;
  #startedAt = 0;
  /** Bytes per message kind, with VIRTLAB_UI_BENCH_DEBUG set. */
  readonly breakdown = new Map<string, number>();
  readonly #sent = new Map<string, string>();

  constructor(page: Page) {
    this.#page = page;
  }

  async install(): Promise<void> {
    await this.#page.addInitScript(probeScript);
    const cdp = await this.#page.context().newCDPSession(this.#page);
    this.#cdp = cdp;
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    cdp.on('Network.webSocketFrameSent', ({ response }) => {
      const match = /"id":(\d+),"method":"(\w+)"/.exec(response.payloadData.slice(0, 200));
      if (match?.[1] && match[2]) this.#sent.set(match[1], match[2]);
    });
    cdp.on('Network.webSocketFrameReceived', ({ response }) => {
      if (!this.#counting) return;
      // Binary frames arrive base64-encoded (opcode 2); text frames as they are.
      const payload = response.payloadData;
      this.#bytes += response.opcode === 2 ? Math.floor((payload.length * 3) / 4) - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0) : Buffer.byteLength(payload);
      this.#messages += 1;
      if (process.env.VIRTLAB_UI_BENCH_DEBUG) {
        const kind = response.opcode === 2 ? 'binary' : (/"(?:event|kind)":"(\w+)"/.exec(payload.slice(0, 200))?.[1] ?? 'text');
        const resultId = /"kind":"result","id":(\d+)/.exec(payload.slice(0, 100))?.[1];
        const name = response.opcode === 2 ? 'telemetry' : resultId ? `result:${this.#sent.get(resultId) ?? '?'}` : (/"event":"(\w+)"/.exec(payload.slice(0, 200))?.[1] ?? kind);
        this.breakdown.set(name, (this.breakdown.get(name) ?? 0) + payload.length);
      }
    });
  }

  async start(): Promise<void> {
    if (process.env.VIRTLAB_UI_BENCH_PROFILE) {
      await this.#cdp?.send('Profiler.enable');
      await this.#cdp?.send('Profiler.start');
      await this.#cdp?.send('HeapProfiler.startSampling', { samplingInterval: 16384 });
    }
    this.#bytes = 0;
    this.#messages = 0;
    this.#counting = true;
    this.#startedAt = performance.now();
    await this.#page.evaluate(() => {
      const probe = (globalThis as unknown as { __virtlabProbe: { recording: boolean; frames: number[]; longTasks: number[] } }).__virtlabProbe;
      probe.frames.length = 0;
      probe.longTasks.length = 0;
      probe.recording = true;
    });
  }

  /** Sampled now and then during the run: the largest heap seen is reported. */
  async sampleHeap(): Promise<number> {
    const used = await this.#heapUsed();
    this.#heapMax = Math.max(this.#heapMax, used);
    return used;
  }

  /** With VIRTLAB_UI_BENCH_PROFILE=dir, the page's CPU profile and allocation sampling of the measured run (open them in Chrome DevTools). */
  async saveProfile(name: string): Promise<void> {
    const dir = process.env.VIRTLAB_UI_BENCH_PROFILE;
    if (!dir || !this.#cdp) return;
    const { profile } = await this.#cdp.send('Profiler.stop');
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    const { profile: heap } = await this.#cdp.send('HeapProfiler.stopSampling');
    await writeFile(join(dir, `${name}.heapprofile`), JSON.stringify(heap));
  }

  async stop(): Promise<PageMeasurement> {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    this.#counting = false;
    const { frames, longTasks } = await this.#page.evaluate(() => {
      const probe = (globalThis as unknown as { __virtlabProbe: { recording: boolean; frames: number[]; longTasks: number[] } }).__virtlabProbe;
      probe.recording = false;
      return { frames: [...probe.frames], longTasks: [...probe.longTasks] };
    });
    const heap = await this.sampleHeap();
    const sorted = [...frames].sort((a, b) => a - b);
    const pct = (p: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
    return {
      frames: frames.length,
      frameMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: round(sorted.at(-1) ?? 0) },
      lateFrames: frames.filter((ms) => ms > 25).length,
      longTasks: longTasks.length,
      longestTaskMs: round(Math.max(0, ...longTasks)),
      longTaskMs: longTasks.map(round),
      jsHeapUsedBytes: heap,
      jsHeapMaxBytes: this.#heapMax,
      wsBytesPerSecond: Math.round(this.#bytes / seconds),
      wsFramesPerSecond: round(this.#messages / seconds),
    };
  }

  async #heapUsed(): Promise<number> {
    if (!this.#cdp) return 0;
    const { metrics } = await this.#cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;
