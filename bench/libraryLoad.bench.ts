// Benchmark: opening and loading a machine library of 5,000 machines (every document with snapshots, NICs, disks).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MachineLibrary } from '../main/node/library/machineLibrary.ts';
import { fullRecord } from '../main/node/library/testing/sampleRecords.ts';

const machines = 5000;
const rounds = 3;
const targetMs = 1000;

const dir = await mkdtemp(path.join(os.tmpdir(), 'virtlab-bench-library-'));
try {
  const writeStart = performance.now();
  const writer = await MachineLibrary.open(dir);
  const records = Array.from({ length: machines }, (_, i) => fullRecord(`bench-${String(i).padStart(5, '0')}`, { name: `machine ${i}`, createdAtMs: i }, 1 + (i % 4)));
  await writer.sync(records);
  await writer.close();
  const writeMs = performance.now() - writeStart;

  // Best of a few rounds: other load on the machine only ever makes a round slower. The OS file cache is warm after round 1.
  let bestMs = Infinity;
  let loaded = 0;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    const library = await MachineLibrary.open(dir);
    const result = await library.load();
    bestMs = Math.min(bestMs, performance.now() - start);
    loaded = result.machines.length;
    if (result.problems.length > 0) throw new Error(`unexpected problems: ${result.problems[0]?.message}`);
    await library.close();
  }
  if (loaded !== machines) throw new Error(`loaded ${loaded} of ${machines} machines`);
  const result = {
    name: 'libraryLoad',
    machines,
    openAndLoadMs: Math.round(bestMs),
    machinesPerSecond: Math.round(machines / (bestMs / 1000)),
    targetMs,
    withinTarget: bestMs <= targetMs,
    initialWriteMs: Math.round(writeMs),
    nodeVersion: process.version,
  };
  process.stderr.write(`${machines} machines opened and loaded in ${result.openAndLoadMs} ms (target ≤ ${targetMs} ms), ${result.machinesPerSecond} machines/s; written in ${result.initialWriteMs} ms\n`);
  console.log(JSON.stringify(result));
} finally {
  await rm(dir, { recursive: true, force: true });
}
