// Stand-in for Chart.js in component tests (happy-dom has no canvas): records configs, updates and data handed over.
import { vi } from 'vitest';
import type { Mock } from 'vitest';

export class FakeChart {
  static readonly instances: FakeChart[] = [];
  static readonly register: Mock<(...items: unknown[]) => void> = vi.fn();
  readonly canvas: unknown;
  readonly config: { type: string; data: { labels: unknown[]; datasets: { label: string; data: unknown[] }[] }; options: Record<string, unknown> };
  readonly update: Mock<(mode?: string) => void> = vi.fn((mode?: string) => {
    this.updates.push({ mode, labels: this.data.labels, datasets: this.data.datasets.map((d) => d.data) });
  });
  readonly destroy: Mock<() => void> = vi.fn();
  readonly updates: { mode: string | undefined; labels: unknown[]; datasets: unknown[][] }[] = [];

  constructor(canvas: unknown, config: FakeChart['config']) {
    this.canvas = canvas;
    this.config = config;
    FakeChart.instances.push(this);
  }

  get data(): FakeChart['config']['data'] {
    return this.config.data;
  }

  get options(): Record<string, unknown> {
    return this.config.options;
  }
}

const component = (name: string) => ({ id: name });

/** Module shape of `chart.js` as the renderer imports it. */
export const chartJsMock = {
  Chart: FakeChart,
  CategoryScale: component('category'),
  Filler: component('filler'),
  Legend: component('legend'),
  LineController: component('line'),
  LineElement: component('lineElement'),
  LinearScale: component('linear'),
  PointElement: component('point'),
  Tooltip: component('tooltip'),
  BarController: component('bar'),
  BarElement: component('barElement'),
  LogarithmicScale: component('logarithmic'),
};
