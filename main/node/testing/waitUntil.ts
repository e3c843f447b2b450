// Waits for a condition with no deadline of its own: tests wait for states, and a slow machine only makes them slower.

/** Options for vi.waitFor (whose own default gives up after one second): only a hang stops it. */
export const stateWait = { timeout: 5 * 60_000, interval: 20 } as const;

/** Resolves once `condition()` is true, checking every `intervalMs`; the test's own timeout is the only limit. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, intervalMs = 20): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
