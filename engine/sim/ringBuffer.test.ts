// Tests for the paravirtual ring: a small ring fills and stalls the producer; an idle ring leaves the consumer polling.
import { describe, expect, it } from 'vitest';
import { GuestArrays } from './guestArrays.ts';
import { ringPollsPerStep, stepRing } from './ringBuffer.ts';

function ring(size: number): GuestArrays {
  const g = new GuestArrays(1);
  g.ringSize[0] = size;
  return g;
}

describe('stepRing', () => {
  it('serves everything without stalls when the ring and backend keep up', () => {
    const g = ring(256);
    expect(stepRing(g, 0, 100, 1000)).toBe(1);
    expect(g.cRingFull[0]).toBe(0);
    expect(g.ringOcc[0]).toBe(0);
  });

  it('counts full stalls and keeps a backlog when requests outrun ring plus backend', () => {
    const g = ring(8);
    const served = stepRing(g, 0, 500, 400);
    expect(served).toBeLessThan(1);
    expect(g.ringOcc[0]).toBe(8);
    expect(g.cRingFull[0]).toBe(92);
    expect(g.ringBacklog[0]).toBe(92);
    // Backlogged requests are not counted again on the next step.
    stepRing(g, 0, 0, 400);
    expect(g.cRingFull[0]).toBe(92);
    expect(g.ringBacklog[0]).toBe(0);
  });

  it('counts empty polls when the guest is idle', () => {
    const g = ring(64);
    stepRing(g, 0, 0, 1000);
    expect(g.cRingEmpty[0]).toBe(ringPollsPerStep);
  });
});
