// Adams & Agesen, ASPLOS 2006 (and nested paging after it), from the mechanism model: who wins depends on the events.
import { describe, expect, it } from 'vitest';
import { guestOf, relativeThroughput, runShipped } from './scenarioTestKit.ts';

const summary = runShipped('bt-vs-hardware-assist');
const relative = (workload: string, vmm: string) => relativeThroughput(summary, `${workload}-${vmm}`, `${workload}-native`);
const topCause = (name: string) => guestOf(summary, name).overheadCauses[0]!;

describe('bt-vs-hardware-assist (Adams & Agesen 2006; Bhargava et al. 2008)', () => {
  it('lets binary translation beat first-generation hardware assist on fork/exec and compile work', () => {
    expect(relative('forkwait', 'bt')).toBeGreaterThan(relative('forkwait', 'vtx-shadow'));
    expect(relative('compile', 'bt')).toBeGreaterThan(relative('compile', 'vtx-shadow'));
    // Every guest page fault and page-table write exits to maintain the shadow page tables.
    expect(topCause('forkwait-vtx-shadow').mechanism).toBe('shadow page tables');
  });

  it('lets hardware assist beat binary translation where system calls dominate', () => {
    expect(relative('web', 'vtx-shadow')).toBeGreaterThan(relative('web', 'bt'));
  });

  it('makes nested paging the fastest on fork/exec work: no shadow page tables to maintain', () => {
    expect(relative('forkwait', 'vtx-npt')).toBeGreaterThan(relative('forkwait', 'vtx-shadow'));
    expect(relative('forkwait', 'vtx-npt')).toBeGreaterThan(relative('forkwait', 'bt'));
  });

  it('makes nested paging the slowest on a TLB-miss-heavy workload: each miss walks two levels of page tables', () => {
    expect(relative('bigmem', 'vtx-shadow')).toBeGreaterThan(relative('bigmem', 'vtx-npt'));
    expect(relative('bigmem', 'bt')).toBeGreaterThan(relative('bigmem', 'vtx-npt'));
    expect(topCause('bigmem-vtx-npt')).toMatchObject({ event: 'TLB misses', mechanism: 'nested paging (two-dimensional page walk)' });
  });

  it('keeps all three within 5 % of native on CPU-bound user code', () => {
    for (const vmm of ['bt', 'vtx-shadow', 'vtx-npt']) expect(relative('specint', vmm), vmm).toBeGreaterThanOrEqual(0.95);
  });
});
