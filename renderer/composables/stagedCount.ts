// A count that climbs to a total one step per idle moment: parts mounted in stages, so no single task mounts them all.
import { onBeforeUnmount, ref, watch } from 'vue';
import type { Ref } from 'vue';
import { cancelIdle, requestIdle } from './idleWork.ts';

/**
 * Starts climbing from 0 once `start` holds, one step per idle moment (within a second each even on a busy page), and
 * jumps to `total` as soon as `everything()` holds (a part is asked for before its turn). Mounting the closed dialogs
 * all at once was a 120–200 ms task right after the machine list appeared, which a first keystroke then waited for.
 */
export function useStagedCount(start: Readonly<Ref<boolean>>, total: number, everything: () => boolean): Readonly<Ref<number>> {
  const count = ref(0);
  let pending: number | null = null;
  const step = (): void => {
    pending = null;
    if (count.value >= total) return;
    count.value += 1;
    if (count.value < total) pending = requestIdle(step, { timeout: 1000 });
  };
  const stopStart = watch(
    start,
    (now) => {
      if (now && count.value === 0 && pending === null) pending = requestIdle(step, { timeout: 1000 });
    },
    { immediate: true },
  );
  const stopEverything = watch(
    everything,
    (now) => {
      if (now) count.value = total;
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stopStart();
    stopEverything();
    if (pending !== null) cancelIdle(pending);
  });
  return count;
}
