// UI benchmark: 1,000 machines started at once from the window (select all, Start) while the all-machines table is open.
/// <reference lib="dom" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { repoRoot, startWebServer } from '../e2e/fixtures/webServer.ts';
import { writeBenchLibrary } from './support/benchLibrary.ts';
import { UiProbe } from './support/uiProbe.ts';
import { percentiles } from './support/percentiles.ts';

const machines = Number(process.env.VIRTLAB_MASS_BENCH_MACHINES ?? 1000);
const targets = { frameP95Ms: 33.4, longTaskMaxMs: 100, clickMs: 100, lagMs: 1000 };
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

if (!existsSync(join(repoRoot, 'dist/renderer/index.html'))) {
  log('Building the renderer first…');
  const build = spawnSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('renderer build failed');
}

/** Watches the backend's own event stream: when did the last of the machines reach Running there? */
function watchBackend(url: string, count: number): { allRunning: Promise<number>; close: () => void } {
  const page = new URL(url);
  const socket = new WebSocket(`ws://${page.host}/api?token=${page.searchParams.get('token') ?? ''}`, { origin: page.origin });
  const running = new Set<string>();
  let resolve: (at: number) => void = () => undefined;
  const allRunning = new Promise<number>((r) => (resolve = r));
  socket.on('message', (data, binary) => {
    if (binary) return;
    const frame = JSON.parse(String(data)) as { kind?: string; event?: string; payload?: { machines: { id: string; state: string }[] } };
    if (frame.kind !== 'event' || frame.event !== 'machinesChanged' || !frame.payload) return;
    for (const m of frame.payload.machines) {
      if (m.state === 'Running') running.add(m.id);
      else running.delete(m.id);
    }
    if (running.size >= count) resolve(Date.now());
  });
  return { allRunning, close: () => socket.close() };
}

const libraryDir = mkdtempSync(join(tmpdir(), 'virtlab-mass-'));
await writeBenchLibrary(libraryDir, machines, { runnable: true, grouped: true });
const server = await startWebServer({ libraryDir, seed: 42 });
const backend = watchBackend(server.url, machines);
const browser = await chromium.launch({ executablePath: process.env.VIRTLAB_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const probe = new UiProbe(page);
  await probe.install();
  await page.goto(server.url);
  const tree = page.getByRole('tree', { name: 'Machines' });
  await tree.getByRole('treeitem').nth(3).waitFor();
  // In the page: when the status bar first says every machine runs, and how long each sort click takes to show.
  await page.evaluate((count) => {
    const state: { allRunningAt: number | null; clicks: number[] } = { allRunningAt: null, clicks: [] };
    (globalThis as unknown as { __mass: typeof state }).__mass = state;
    const bar = document.querySelector('[role="status"][aria-label="Status bar"]')!;
    new MutationObserver(() => {
      if (state.allRunningAt === null && new RegExp(`(?<!\\d)${count} running`).test(bar.textContent ?? '')) state.allRunningAt = Date.now();
    }).observe(bar, { subtree: true, childList: true, characterData: true });
    document.addEventListener('pointerdown', (event) => {
      const header = (event.target as HTMLElement).closest('[role="columnheader"]');
      if (!header) return;
      const start = event.timeStamp;
      const seen = new MutationObserver(() => {
        seen.disconnect();
        requestAnimationFrame(() => state.clicks.push(performance.now() - start));
      });
      seen.observe(header, { attributes: true, attributeFilter: ['aria-sort'] });
    }, true);
  }, machines);

  await tree.focus();
  await page.keyboard.press('Control+a');
  await page.getByRole('region', { name: 'Selection' }).getByText(`${machines} selected`).waitFor();
  await probe.start();
  const clickedAt = Date.now();
  await page.getByRole('toolbar', { name: 'Machine actions' }).getByRole('button', { name: 'Start', exact: true }).click();
  // A person lets it run in the background (or closes the result, when the commands are already through) and goes on working.
  const progress = page.getByRole('dialog', { name: /^Start: / });
  await progress.getByRole('button', { name: /^(Run in background|Close)$/ }).click();
  // The all-machines table, live, while they start: sorting it is the click that used to take seconds.
  await page.getByRole('tab', { name: 'Activity view', exact: true }).click();
  const columns = ['CPU', 'Memory', 'State', 'Name'];
  let sorts = 0;
  const backendDone = backend.allRunning.then((at) => ({ at }));
  for (;;) {
    const done = await Promise.race([backendDone, sleep(1000).then(() => null)]);
    const pageDone = await page.evaluate(() => (globalThis as unknown as { __mass: { allRunningAt: number | null } }).__mass.allRunningAt);
    if (done && pageDone !== null) break;
    await page.getByRole('table', { name: 'All machines activity' }).getByRole('button', { name: `Sort by ${columns[sorts++ % columns.length]!}`, exact: true }).click();
    if (Date.now() - clickedAt > 240_000) throw new Error('the machines did not all run within 4 minutes');
  }
  await sleep(2000);
  const measured = await probe.stop();
  await probe.saveProfile('massStart');
  const backendAt = await backend.allRunning;
  const mass = await page.evaluate(() => (globalThis as unknown as { __mass: { allRunningAt: number; clicks: number[] } }).__mass);
  const clicks = percentiles(mass.clicks);
  const lagMs = mass.allRunningAt - backendAt;
  const overLimit = measured.longTaskMs.filter((ms) => ms > targets.longTaskMaxMs);
  const result = {
    name: 'massStart',
    machines,
    targets,
    startToAllRunningMs: backendAt - clickedAt,
    frameMs: measured.frameMs,
    frames: measured.frames,
    lateFrames: measured.lateFrames,
    longTasks: measured.longTasks,
    longTasksOver100Ms: overLimit.length,
    longestTaskMs: measured.longestTaskMs,
    sortClickMs: { count: mass.clicks.length, ...clicks },
    listLagBehindBackendMs: lagMs,
    wsBytesPerSecond: measured.wsBytesPerSecond,
    meetsTargets: {
      frameP95: measured.frameMs.p95 <= targets.frameP95Ms,
      noLongTaskOver100Ms: overLimit.length === 0,
      click: clicks.max <= targets.clickMs,
      listCurrent: lagMs <= targets.lagMs,
    },
    chromium: browser.version(),
  };
  log(`${machines} started in ${result.startToAllRunningMs} ms; frames p95 ${measured.frameMs.p95} ms, ${overLimit.length} tasks over 100 ms (longest ${measured.longestTaskMs}); sort clicks p95 ${clicks.p95} / max ${clicks.max} ms over ${mass.clicks.length}; list ${lagMs} ms behind the backend`);
  console.log(JSON.stringify(result));
} finally {
  backend.close();
  await browser.close();
  await server.stop();
  rmSync(libraryDir, { recursive: true, force: true });
}
