// A value that follows another once the browser has painted: heavy panes catch up a frame after the list they belong to.
import { onBeforeUnmount, shallowRef, watch } from 'vue';
import type { ShallowRef } from 'vue';

/**
 * Follows `source`, but a change of identity (`keyOf` differs) is taken only after the next frame is painted, so the
 * click or key that caused it shows first (a selected row, the list of a cold start) and the pane renders after.
 * Changes that keep the identity (the same machine, updated) are taken at once.
 */
export function useAfterPaint<T>(source: () => T, keyOf: (value: T) => unknown): Readonly<ShallowRef<T | undefined>> {
  const shown = shallowRef<T | undefined>(undefined);
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = (): void => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  watch(
    source,
    (value) => {
      if (shown.value !== undefined && keyOf(value) === keyOf(shown.value)) {
        cancel();
        shown.value = value;
        return;
      }
      cancel();
      // rAF runs before the paint; the task queued from it runs after that frame is on screen.
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => (shown.value = source()), 0);
      });
    },
    { immediate: true },
  );
  onBeforeUnmount(cancel);
  return shown;
}
