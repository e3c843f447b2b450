// Calls the backend API from inside a page over its own WebSocket (same origin and token as the app), for bench set-up.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';

export type ApiCall = [method: string, params: unknown];
export interface ApiOutcome {
  ok: boolean;
  value?: unknown;
  error?: { code?: string; message?: string };
}

/** Sends every call at once (pipelined) and returns the outcomes in order. */
export async function callApi(page: Page, calls: ApiCall[]): Promise<ApiOutcome[]> {
  return page.evaluate(async (batch) => {
    const url = new URL(location.href);
    const socket = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token') ?? ''}`);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const outcomes = new Array<{ ok: boolean; value?: unknown; error?: unknown }>(batch.length);
    let remaining = batch.length;
    const done = new Promise<void>((resolve) => {
      if (remaining === 0) resolve();
      socket.onmessage = (event: MessageEvent) => {
        if (typeof event.data !== 'string') return;
        const frame = JSON.parse(event.data) as { kind: string; id: number; ok: boolean; value?: unknown; error?: unknown };
        if (frame.kind !== 'result') return;
        outcomes[frame.id - 1] = frame.ok ? { ok: true, value: frame.value } : { ok: false, error: frame.error };
        remaining -= 1;
        if (remaining === 0) resolve();
      };
    });
    batch.forEach(([method, params], i) => socket.send(JSON.stringify({ kind: 'call', id: i + 1, method, params })));
    await done;
    socket.close();
    return outcomes;
  }, calls) as Promise<ApiOutcome[]>;
}
