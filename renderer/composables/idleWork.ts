// Work over many items done while the page is idle, a slice at a time, so it never holds up a frame or an input.
type IdleRequest = (callback: (deadline: { timeRemaining(): number }) => void, options?: { timeout: number }) => number;

/** The browser's idle callbacks where there are (Chromium, Electron), else short timers (test DOMs). */
export const requestIdle: IdleRequest =
  typeof globalThis.requestIdleCallback === 'function'
    ? (callback, options) => globalThis.requestIdleCallback(callback, options)
    : (callback) => setTimeout(() => callback({ timeRemaining: () => 8 }), 16) as unknown as number;
export const cancelIdle = (id: number): void => (typeof globalThis.cancelIdleCallback === 'function' ? globalThis.cancelIdleCallback(id) : clearTimeout(id));

/** Calls `each` for every item during idle periods (at least every second even on a busy page); returns a cancel. */
export function whenIdle<T>(items: readonly T[], each: (item: T) => void): () => void {
  let next = 0;
  let id = 0;
  const slice = (deadline: { timeRemaining(): number }): void => {
    // Checking the clock every 100 items keeps a slice within the idle time the browser offered.
    while (next < items.length) {
      const end = Math.min(items.length, next + 100);
      for (; next < end; next++) each(items[next]!);
      if (deadline.timeRemaining() <= 1) break;
    }
    if (next < items.length) id = requestIdle(slice, { timeout: 1000 });
  };
  id = requestIdle(slice, { timeout: 1000 });
  return () => cancelIdle(id);
}
