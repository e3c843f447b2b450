// Tests for the staged count: one step per idle moment once started, everything at once when asked for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, nextTick, ref } from 'vue';
import type { Ref } from 'vue';
import { useStagedCount } from './stagedCount.ts';

// The test DOM has no idle callbacks, so idleWork.ts falls back to 16 ms timers, which fake timers drive.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function harness(start: Ref<boolean>, asked: Ref<boolean>) {
  let count: Readonly<Ref<number>> | undefined;
  const wrapper = mount(defineComponent({ setup: () => ((count = useStagedCount(start, 3, () => asked.value)), () => null) }));
  return { wrapper, count: () => count!.value };
}

/** Runs the idle callbacks waiting now (the ones they request wait for the next call). */
function idleMoment(): void {
  vi.advanceTimersByTime(16);
}

describe('useStagedCount', () => {
  it('waits for its start, then climbs one step per idle moment and stops at the total', async () => {
    const start = ref(false);
    const { count } = harness(start, ref(false));
    idleMoment();
    expect(count()).toBe(0);
    start.value = true;
    await nextTick();
    for (const expected of [1, 2, 3, 3]) {
      idleMoment();
      expect(count()).toBe(expected);
    }
  });

  it('jumps to the total when everything is asked for before its turn', async () => {
    const asked = ref(false);
    const { count } = harness(ref(true), asked);
    idleMoment();
    expect(count()).toBe(1);
    asked.value = true;
    await nextTick();
    expect(count()).toBe(3);
    idleMoment();
    expect(count()).toBe(3);
  });
});
