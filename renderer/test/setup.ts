// Renderer test environment: browser APIs happy-dom lacks or that make no sense here, and Chart.js replaced by a fake.
import { afterEach, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import { FakeChart } from './fakeChart.ts';

vi.mock('chart.js', async () => (await import('./fakeChart.ts')).chartJsMock);

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;

// Vuetify positions overlays against the visual viewport, which happy-dom does not model.
if (!('visualViewport' in globalThis) || !globalThis.visualViewport) {
  const viewport = new EventTarget() as EventTarget & Record<string, number>;
  Object.assign(viewport, { width: 1280, height: 800, offsetLeft: 0, offsetTop: 0, pageLeft: 0, pageTop: 0, scale: 1 });
  Object.defineProperty(globalThis, 'visualViewport', { value: viewport, configurable: true });
}

// Anything that still reaches a real canvas gets no context, as in a browser without canvas support.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;

enableAutoUnmount(afterEach);
afterEach(() => {
  FakeChart.instances.length = 0;
  // The notification center and view preferences persist in localStorage; every test starts without them.
  globalThis.localStorage?.clear();
});
