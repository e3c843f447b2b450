// Frames exchanged over the web-mode WebSocket; the same methods and events as Electron IPC.
import { z } from 'zod';
import type { AppErrorData } from '../errors.ts';
import type { EventName, EventPayload } from '../api/events.ts';

/** Client → server. `params` is validated later against the method's own input schema. */
export const wsCallFrameSchema = z.strictObject({
  kind: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(100),
  params: z.unknown(),
});
export type WsCallFrame = z.infer<typeof wsCallFrameSchema>;

export type WsResultFrame =
  | { kind: 'result'; id: number | null; ok: true; value: unknown }
  | { kind: 'result'; id: number | null; ok: false; error: AppErrorData };

export type WsEventFrame<E extends EventName = EventName> = { kind: 'event'; event: E; payload: EventPayload<E> };

export type WsServerFrame = WsResultFrame | WsEventFrame;

/** Largest frame the server accepts; bigger ones are refused before parsing. */
export const wsMaxFrameBytes = 1_048_576;
/** WebSocket path on the web-mode server; the token travels as `?token=`. */
export const wsPath = '/api';
/** GET with ?token=…: 204 when the server knows the token, 401 when not; lets a page tell "wrong token" from "server down". */
export const sessionPath = '/api/session';
