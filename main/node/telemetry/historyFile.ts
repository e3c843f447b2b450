// One machine's telemetry history as a file with a fixed place for every ring slot, so a save rewrites only the slots that changed.
import { open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isNotFound } from '../library/atomicFile.ts';
import { coarseBlockBuckets, coarseBlockCount } from './coarseSeries.ts';
import { fineBlockCount, fineBlockSeconds } from './fineSeries.ts';
import { metricsPerRow } from './indexedBatch.ts';
import { MachineHistory } from './machineHistory.ts';

/*
 * Layout (little-endian): header [magic u32, version u32, firstMs f64, lastMs f64], then fineBlockCount fine slots
 * [block+1 f64, values f32 × 120 s × 12], then coarseBlockCount coarse slots [block+1 f64, counts u16 × 60, values
 * f32 × 60 × 36]. A slot never written reads as zeros: block+1 = 0 marks it empty (files are sparse until filled).
 */
const magic = 0x32484c56; // "VLH2"
const headerBytes = 24;
const fineFloats = fineBlockSeconds * metricsPerRow;
const coarseFloats = coarseBlockBuckets * metricsPerRow * 3;
const fineSlotBytes = 8 + fineFloats * 4;
const coarseSlotBytes = 8 + coarseBlockBuckets * 2 + coarseFloats * 4;
export const historyFileBytes = headerBytes + fineBlockCount * fineSlotBytes + coarseBlockCount * coarseSlotBytes;

const fineOffset = (slot: number): number => headerBytes + slot * fineSlotBytes;
const coarseOffset = (slot: number): number => headerBytes + fineBlockCount * fineSlotBytes + slot * coarseSlotBytes;
const bytesOf = (array: Float32Array | Uint16Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

function header(firstMs: number, lastMs: number): Buffer {
  const out = Buffer.alloc(headerBytes);
  out.writeUInt32LE(magic, 0);
  out.writeUInt32LE(1, 4);
  out.writeDoubleLE(firstMs, 8);
  out.writeDoubleLE(lastMs, 16);
  return out;
}

async function openForUpdate(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r+');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return open(file, 'w+', 0o644);
  }
}

/** Writes the header and every slot written since the last save. Not atomic: a torn slot only loses that slot's samples. */
export async function saveHistorySlots(file: string, history: MachineHistory, lastMs: number): Promise<void> {
  const handle = await openForUpdate(file);
  try {
    await handle.write(header(history.firstMs, lastMs), 0, headerBytes, 0);
    for (const { slot, block, data } of history.fine.takeDirtySlots()) {
      const slotBytes = Buffer.alloc(fineSlotBytes);
      slotBytes.writeDoubleLE(block + 1, 0);
      bytesOf(data).copy(slotBytes, 8);
      await handle.write(slotBytes, 0, fineSlotBytes, fineOffset(slot));
    }
    for (const { slot, block, data, counts } of history.coarse.takeDirtySlots()) {
      const slotBytes = Buffer.alloc(coarseSlotBytes);
      slotBytes.writeDoubleLE(block + 1, 0);
      bytesOf(counts).copy(slotBytes, 8);
      bytesOf(data).copy(slotBytes, 8 + coarseBlockBuckets * 2);
      await handle.write(slotBytes, 0, coarseSlotBytes, coarseOffset(slot));
    }
  } finally {
    await handle.close();
  }
}

/** A fresh aligned copy (a Buffer slice may start at an odd offset, which typed arrays refuse). */
function copyInto<T extends Float32Array | Uint16Array>(target: T, bytes: Buffer, at: number): T {
  Buffer.from(target.buffer).set(bytes.subarray(at, at + target.byteLength));
  return target;
}

/** Reads a history file back; undefined when it is not one (wrong magic, cut short, nonsense times). */
export async function loadHistoryFile(file: string): Promise<{ history: MachineHistory; lastMs: number } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  if (bytes.length < headerBytes || bytes.readUInt32LE(0) !== magic || bytes.readUInt32LE(4) !== 1) return undefined;
  const firstMs = bytes.readDoubleLE(8);
  const lastMs = bytes.readDoubleLE(16);
  if (!Number.isFinite(firstMs) || !Number.isFinite(lastMs) || firstMs < 0 || lastMs < firstMs) return undefined;
  const history = new MachineHistory(firstMs);
  // Slots past the end of a short file were never written (the file grows only as far as its last slot written).
  for (let slot = 0; slot < fineBlockCount; slot++) {
    const at = fineOffset(slot);
    if (at + fineSlotBytes > bytes.length) break;
    const block = bytes.readDoubleLE(at) - 1;
    if (block >= 0 && block % fineBlockCount === slot) history.fine.restoreBlock(block, copyInto(new Float32Array(fineFloats), bytes, at + 8));
  }
  for (let slot = 0; slot < coarseBlockCount; slot++) {
    const at = coarseOffset(slot);
    if (at + coarseSlotBytes > bytes.length) break;
    const block = bytes.readDoubleLE(at) - 1;
    if (block < 0 || block % coarseBlockCount !== slot) continue;
    const counts = copyInto(new Uint16Array(coarseBlockBuckets), bytes, at + 8);
    history.coarse.restoreBlock(block, copyInto(new Float32Array(coarseFloats), bytes, at + 8 + coarseBlockBuckets * 2), counts);
  }
  return { history, lastMs };
}
