// The UI's one overhead basis (share of the guest's vCPUs) is the basis the engine's telemetry uses, for any vCPU count.
import { describe, expect, it } from 'vitest';
import { pctOfVcpus } from '../shared/domain/cpuShare.ts';
import { Engine } from './engine.ts';
import { id, sampleOf, spec, telemetryOf } from './facadeTestKit.ts';

describe('pctOfVcpus', () => {
  it('turns getMetrics cores into the percentages telemetry streams, so details and charts print one figure', () => {
    const engine = new Engine({ seed: 3 });
    const guests = [
      { n: 1, vcpus: 1, workload: 'cpuBatch' },
      { n: 2, vcpus: 4, workload: 'database' },
    ] as const;
    for (const g of guests) engine.handle('createMachine', { id: id(g.n), spec: spec({ name: `g${g.n}`, vcpus: g.vcpus, workload: g.workload }) });
    for (const g of guests) engine.handle('lifecycle', { id: id(g.n), action: 'start' });
    const last = telemetryOf(engine.advance(20_000)).at(-1)!;
    for (const g of guests) {
      const m = engine.handle('getMetrics', { id: id(g.n) });
      expect(m.cpu.overheadCores).toBeGreaterThan(0);
      expect(sampleOf(last, id(g.n), 'cpuOverheadPct')).toBeCloseTo(pctOfVcpus(m.cpu.overheadCores, g.vcpus), 2);
      expect(sampleOf(last, id(g.n), 'cpuPct')).toBeCloseTo(pctOfVcpus(m.cpu.grantedCores, g.vcpus), 2);
    }
  });
});
