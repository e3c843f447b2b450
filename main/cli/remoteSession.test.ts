// The WebSocket address the CLI derives from a published endpoint.
import { describe, expect, it } from 'vitest';
import { socketUrl } from './remoteSession.ts';

describe('socketUrl', () => {
  it('turns the http origin into the ws API path with the token escaped', () => {
    expect(socketUrl({ url: 'http://127.0.0.1:47800', token: 'ab+/=cd'.padEnd(20, 'x'), pid: 1 })).toBe(`ws://127.0.0.1:47800/api?token=${encodeURIComponent('ab+/=cd'.padEnd(20, 'x'))}`);
    expect(socketUrl({ url: 'http://[::1]:9', token: 't'.repeat(16), pid: 1 })).toBe(`ws://[::1]:9/api?token=${'t'.repeat(16)}`);
  });
});
