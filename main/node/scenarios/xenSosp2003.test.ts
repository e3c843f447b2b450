// Barham et al., SOSP 2003, Fig. 3, from the mechanism model: Xen near native on OS-heavy loads, a hosted BT VMM far behind.
import { describe, expect, it } from 'vitest';
import { relativeThroughput, runShipped } from './scenarioTestKit.ts';

const summary = runShipped('xen-sosp2003');
const relative = (benchmark: string, system: string) => relativeThroughput(summary, `${benchmark}-${system}`, `${benchmark}-native`);

describe('xen-sosp2003 (Barham et al. 2003, Fig. 3)', () => {
  it('runs paravirtualized Xen within 10 % of native on OLTP, web serving and a kernel build', () => {
    // Paper: OSDB-OLTP about 0.95, SPEC WEB99 within 1 %, Linux build a 3 % overhead.
    for (const benchmark of ['oltp', 'web', 'build']) expect(relative(benchmark, 'xen'), benchmark).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves the hosted binary-translating VMM at half of native or less on OLTP and about a third on web', () => {
    // Paper: VMware Workstation far below native on OLTP; "less than a third of the number of clients" on SPEC WEB99.
    expect(relative('oltp', 'vmware-ws')).toBeLessThanOrEqual(0.5);
    expect(relative('web', 'vmware-ws')).toBeLessThanOrEqual(0.35);
  });

  it('orders native ≥ Xen > hosted VMM on every OS-intensive benchmark', () => {
    for (const benchmark of ['oltp', 'web', 'build']) {
      expect(relative(benchmark, 'xen'), benchmark).toBeLessThanOrEqual(1);
      expect(relative(benchmark, 'vmware-ws'), benchmark).toBeLessThan(relative(benchmark, 'xen'));
    }
  });

  it('keeps every kind but the emulator within 5 % of native on CPU-bound user code (SPEC INT2000)', () => {
    for (const system of ['xen', 'vmware-ws', 'esx', 'kvm', 'container']) expect(relative('specint', system), system).toBeGreaterThanOrEqual(0.95);
    // A foreign instruction set is the exception: every instruction, user code included, is translated.
    expect(relative('specint', 'emulated')).toBeLessThan(0.5);
  });

  it('charges the hosted VMM its web losses to world switches and translation, not to chance', () => {
    const web = summary.guests.find((g) => g.name === 'web-vmware-ws')!;
    const mechanisms = new Set(web.overheadCauses.slice(0, 3).map((c) => c.mechanism));
    expect(mechanisms).toContain('world switch to the host OS');
  });
});
