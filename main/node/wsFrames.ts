// Parses client WebSocket frames into calls, or into the BAD_REQUEST result the client should get instead.
import type { RawData } from 'ws';
import { wsCallFrameSchema } from '../../shared/transport/wsProtocol.ts';
import type { WsCallFrame, WsResultFrame } from '../../shared/transport/wsProtocol.ts';
import type { ApiResult } from '../../shared/api/result.ts';
import { isMethodName } from '../../shared/api/methods.ts';
import { inputLimits } from './inputGuard.ts';
import { prescanJson } from './jsonPrescan.ts';

/**
 * Limits of a whole call frame: the frame object and `params` add one level and a few values to what the input
 * guard allows inside `params`, so everything the guard would refuse anyway is refused here before parsing.
 */
export const frameLimits = { maxDepth: inputLimits.maxDepth + 1, maxValues: inputLimits.maxNodes + 8 } as const;

export type ParsedFrame = { ok: true; call: WsCallFrame } | { ok: false; reply: WsResultFrame };

const badRequest = (id: number | null, message: string): ParsedFrame => ({
  ok: false,
  reply: { kind: 'result', id, ok: false, error: { code: 'BAD_REQUEST', message } },
});

/** The frame's id when it has a usable one, so even a rejected call can be matched by the client. */
function usableId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as Record<string, unknown>)['id'];
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

function rawBytes(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return data;
}

export function parseCallFrame(data: RawData, isBinary: boolean): ParsedFrame {
  if (isBinary) return badRequest(null, 'Frames must be JSON text, not binary data.');
  const bytes = rawBytes(data);
  const scan = prescanJson(bytes, frameLimits);
  if (!scan.ok) {
    // Same words as the input guard, which would refuse these too, but only after a full and costly parse.
    const message =
      scan.problem === 'tooDeep'
        ? `The request is nested too deeply (more than ${inputLimits.maxDepth} levels).`
        : `The request is too large (more than ${inputLimits.maxNodes} values); send less data.`;
    return { ok: false, reply: { kind: 'result', id: scan.id, ok: false, error: { code: 'VALIDATION', message } } };
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return badRequest(null, 'Frames must be valid JSON.');
  }
  const id = usableId(value);
  const frame = wsCallFrameSchema.safeParse(value);
  if (!frame.success) {
    return badRequest(id, 'Frames must look like {"kind":"call","id":<non-negative integer>,"method":"<name>","params":{...}}.');
  }
  if (!isMethodName(frame.data.method)) return badRequest(frame.data.id, `Unknown method "${frame.data.method}".`);
  return { ok: true, call: frame.data };
}

export function resultFrame(id: number, result: ApiResult<unknown>): WsResultFrame {
  return result.ok ? { kind: 'result', id, ok: true, value: result.value } : { kind: 'result', id, ok: false, error: result.error };
}
