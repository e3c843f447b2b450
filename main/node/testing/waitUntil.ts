// Waits for a condition with no deadline of its own: tests wait for states, and a slow machine only makes them slower.

/** Resolves once `condition()` is true, checking every `intervalMs`; the test's own timeout is the only limit. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, intervalMs = 20): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
