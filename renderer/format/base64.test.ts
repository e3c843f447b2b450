// Tests for the base64 helpers used by appliance uploads and downloads, including inputs larger than one conversion slice.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { formatBytes } from './byteSize.ts';

describe('base64', () => {
  it('encodes like btoa and decodes back', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0"?>\n<Envelope/>');
    expect(bytesToBase64(bytes)).toBe(btoa('<?xml version="1.0"?>\n<Envelope/>'));
    expect(new TextDecoder().decode(base64ToBytes(bytesToBase64(bytes)))).toBe('<?xml version="1.0"?>\n<Envelope/>');
  });

  it('round-trips every byte value across several slices', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect([...base64ToBytes(bytesToBase64(bytes))]).toEqual([...bytes]);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [2048, '2 KiB'],
    [1536 * 1024, '1.5 MiB'],
    [300 * 1024 ** 3, '300 GiB'],
  ])('%d bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
