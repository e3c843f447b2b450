// Tests for transport selection and the preload-bridge transport.
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { VirtlabBridge } from '../../shared/api/bridge.ts';
import { createApi, wsUrlFor } from './createApi.ts';

describe('wsUrlFor', () => {
  it('targets /api on the page origin with the token from the query string', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=a%2Bb' })).toBe('ws://127.0.0.1:4321/api?token=a%2Bb');
    expect(wsUrlFor({ protocol: 'https:', host: 'h', search: '' })).toBe('wss://h/api?token=');
  });
});

describe('createApi with the preload bridge', () => {
  it('uses window.virtlab, unwrapping values and turning error envelopes into AppErrors', async () => {
    const off = vi.fn();
    const bridge = {
      listMachines: vi.fn(async () => ({ ok: true, value: [] })),
      deleteMachine: vi.fn(async () => ({ ok: false, error: { code: 'INVALID_STATE', message: 'Power it off first' } })),
      on: vi.fn(() => off),
    } as unknown as VirtlabBridge;
    const api = createApi({ virtlab: bridge } as unknown as Window);
    expect(api.kind).toBe('electron');
    expect(api.connectionState()).toBe('open');
    await expect(api.listMachines({})).resolves.toEqual([]);
    const error = await api.deleteMachine({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_STATE');
    const listener = vi.fn();
    expect(api.on('machinesChanged', listener)).toBe(off);
    expect(bridge.on).toHaveBeenCalledWith('machinesChanged', listener);
  });
});
