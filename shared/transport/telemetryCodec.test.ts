// Round trips and refusals of the binary telemetry frame codec.
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../domain/telemetry.ts';
import { decodeTelemetryFrame, encodeTelemetryFrame, telemetryCodecLimits } from './telemetryCodec.ts';

const frame: TelemetryFrame = {
  version: 42,
  simTimeMs: [10_000, 11_000, 12_000],
  groups: [Float32Array.from({ length: 3 * 12 }, (_, i) => i * 0.5), Float32Array.from({ length: 3 * 4 * 2 }, (_, i) => (i % 5 === 0 ? Number.NaN : -i))],
};

function decoded(data: ArrayBuffer | ArrayBufferView): TelemetryFrame {
  const result = decodeTelemetryFrame(data);
  if (!result.ok) throw new Error(result.error);
  return result.frame;
}

function refusal(data: ArrayBuffer | ArrayBufferView): string {
  const result = decodeTelemetryFrame(data);
  if (result.ok) throw new Error('expected the decoder to refuse');
  return result.error;
}

/** The encoded frame with one header field overwritten. */
function patched(offset: number, write: (view: DataView) => void): Uint8Array {
  const bytes = encodeTelemetryFrame(frame).slice();
  write(new DataView(bytes.buffer, offset));
  return bytes;
}

describe('telemetry frame codec', () => {
  it('round-trips version, times and every value (NaN included) with Float32Array groups', () => {
    const out = decoded(encodeTelemetryFrame(frame));
    expect(out.version).toBe(42);
    expect(out.simTimeMs).toEqual(frame.simTimeMs);
    expect(out.groups).toHaveLength(2);
    out.groups.forEach((group, g) => {
      expect(group).toBeInstanceOf(Float32Array);
      expect(Array.from(group)).toEqual(Array.from(frame.groups[g]!));
    });
  });

  it('costs a 16-byte header, 4 bytes per group, 8 per sample time and 4 per value', () => {
    // 16 + 2 × 4 = 24 (already a multiple of 8), 3 × 8 time bytes, (36 + 24) × 4 value bytes.
    expect(encodeTelemetryFrame(frame).byteLength).toBe(24 + 24 + 60 * 4);
    expect(encodeTelemetryFrame({ version: 1, simTimeMs: [1000], groups: [new Float32Array(1)] }).byteLength).toBe(24 + 8 + 4);
  });

  it('reads frames that start at an unaligned offset of a larger buffer (Node Buffers from a pool)', () => {
    const bytes = encodeTelemetryFrame(frame);
    const carrier = new Uint8Array(bytes.byteLength + 3);
    carrier.set(bytes, 3);
    const out = decoded(carrier.subarray(3));
    expect(Array.from(out.groups[1]!)).toEqual(Array.from(frame.groups[1]!));
  });

  it('round-trips an empty frame and one without groups', () => {
    expect(decoded(encodeTelemetryFrame({ version: 0, simTimeMs: [], groups: [] }))).toEqual({ version: 0, simTimeMs: [], groups: [] });
    expect(decoded(encodeTelemetryFrame({ version: 7, simTimeMs: [1000], groups: [] })).simTimeMs).toEqual([1000]);
  });

  it('refuses short, truncated, padded and foreign messages', () => {
    const bytes = encodeTelemetryFrame(frame);
    expect(refusal(new ArrayBuffer(0))).toMatch(/at least 16 bytes/);
    expect(refusal(bytes.slice(0, bytes.byteLength - 1))).toMatch(/header describes/);
    const padded = new Uint8Array(bytes.byteLength + 4);
    padded.set(bytes);
    expect(refusal(padded)).toMatch(/header describes/);
    expect(refusal(Uint8Array.from('{"kind":"event","event":"telemetry"}', (ch) => ch.charCodeAt(0)))).toMatch(/magic/);
  });

  it('refuses unknown formats, too many groups or samples, and groups that do not divide by the sample count', () => {
    expect(refusal(patched(4, (v) => v.setUint16(0, 2, true)))).toMatch(/unsupported telemetry frame format 2/);
    expect(refusal(patched(6, (v) => v.setUint16(0, telemetryCodecLimits.groups + 1, true)))).toMatch(/too many groups/);
    expect(refusal(patched(12, (v) => v.setUint32(0, 0xffffffff, true)))).toMatch(/too many samples/);
    expect(refusal(patched(16, (v) => v.setUint32(0, 35, true)))).toMatch(/group 0 holds 35 values/);
    expect(refusal(patched(16, (v) => v.setUint32(0, 0xfffffff0 - (0xfffffff0 % 3), true)))).toMatch(/too many values|header describes/);
  });

  it('refuses sample times that are not finite or go backwards', () => {
    const timesAt = 24;
    expect(refusal(patched(timesAt + 8, (v) => v.setFloat64(0, Number.NaN, true)))).toMatch(/sample times/);
    expect(refusal(patched(timesAt + 16, (v) => v.setFloat64(0, 1, true)))).toMatch(/sample times/);
  });
});
