// Remembers the main window's size, position and maximized state in <userData>/window-state.json between runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { screen } from 'electron';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { writeFileAtomic } from '../node/library/atomicFile.ts';

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof stateSchema>;

export const windowStateFile = (userDataDir: string): string => path.join(userDataDir, 'window-state.json');

/** The saved state, or undefined when there is none or it is not valid (a damaged file just means default bounds). */
export function parseWindowState(text: string | undefined): WindowState | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the saved position only if the window's title bar area is still on a connected display (a monitor may be gone). */
export function visibleState(state: WindowState, workAreas: readonly Rectangle[]): WindowState | Omit<WindowState, 'x' | 'y'> {
  const grip = { x: state.x + 40, y: state.y + 10 };
  const onScreen = workAreas.some((area) => grip.x >= area.x && grip.x < area.x + area.width && grip.y >= area.y && grip.y < area.y + area.height);
  if (onScreen) return state;
  const { width, height, maximized } = state;
  return { width, height, maximized };
}

export function loadWindowState(userDataDir: string): WindowState | Omit<WindowState, 'x' | 'y'> | undefined {
  let text: string | undefined;
  try {
    text = readFileSync(windowStateFile(userDataDir), 'utf8');
  } catch {
    text = undefined;
  }
  const state = parseWindowState(text);
  return state && visibleState(state, screen.getAllDisplays().map((display) => display.workArea));
}

/** Saves on close: the normal (unmaximized) bounds, so un-maximizing next time returns to them. */
export function trackWindowState(window: BrowserWindow, userDataDir: string, log: (line: string) => void): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    writeFileAtomic(windowStateFile(userDataDir), `${JSON.stringify(state)}\n`).catch((error: unknown) => log(`[window] could not save the window state: ${String(error)}`));
  });
}
