// A flag that turns true in the first idle moment once a condition holds: for parts the first screen can do without.
import { onBeforeUnmount, ref, watch } from 'vue';
import type { Ref } from 'vue';
import { requestIdle } from './idleWork.ts';

/**
 * Closed dialogs need not exist while the window and its machine list come up: they mount once `ready()` holds and the
 * page is idle (within a second even on a busy page), and stay mounted.
 */
export function whenSettled(ready: () => boolean): Readonly<Ref<boolean>> {
  const settled = ref(false);
  let asked = false;
  let disposed = false;
  const stop = watch(
    ready,
    (now) => {
      if (!now || asked) return;
      asked = true;
      requestIdle(() => (settled.value = !disposed), { timeout: 1000 });
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    disposed = true;
    stop();
  });
  return settled;
}
