// Benchmark: telemetry at 1,000 running guests — engine batch cost, backend history memory, WebSocket bytes per second.
import { telemetryMetrics } from '../shared/domain/telemetry.ts';
import type { TelemetryBatch, TelemetryFrame, TelemetryGroup } from '../shared/domain/telemetry.ts';
import { buildMixedWorld, mixedGuestId } from '../engine/sim/mixedWorld.ts';
import { BackendService } from '../main/node/backendService.ts';
import { TelemetryHistoryStore } from '../main/node/telemetry/telemetryHistory.ts';
import { FakeEngine } from '../main/node/testing/fakeEngine.ts';
import { WsTestClient } from '../main/node/testing/wsTestClient.ts';
import { startWebServer } from '../main/node/webServer.ts';
import { heapMeter } from './support/heapMemory.ts';

const guests = 1000;
const hosts = 50;
const historySeconds = 3600;
const streamedSeconds = 5;

const memory = heapMeter();

const world = buildMixedWorld(1, hosts, guests);
const ids = Array.from({ length: guests }, (_, i) => mixedGuestId(i));
world.advance(60_000);

// 1. Engine: building one batch (all 12 metrics of every running guest) vs simulating the second it describes.
let batchMs = Infinity;
for (let round = 0; round < 5; round++) {
  const calls = 500;
  const start = performance.now();
  for (let i = 0; i < calls; i++) world.telemetryBatch();
  batchMs = Math.min(batchMs, (performance.now() - start) / calls);
}
const stepStart = performance.now();
world.advance(10_000);
const secondMs = (performance.now() - stepStart) / 10;
const sample = world.telemetryBatch();

// 2. Backend history: one simulated hour of 1 s samples for every guest (real batches, one per simulated second).
const batches: TelemetryBatch[] = [];
for (let s = 0; s < 60; s++) {
  world.advance(1000);
  batches.push(world.telemetryBatch());
}
const history = new TelemetryHistoryStore();
const before = memory();
const recordStart = performance.now();
for (let s = 1; s <= historySeconds; s++) history.record({ ...batches[s % batches.length]!, simTimeMs: world.nowMs + s * 1000 });
const recordMs = (performance.now() - recordStart) / historySeconds;
const historyBytes = memory() - before;
const queryStart = performance.now();
history.query(ids[7]!, '1h', undefined, 600);
const queryMs = performance.now() - queryStart;

// 3. WebSocket: a real client subscribed to {1 machine × 12 metrics} + {1,000 machines × 6 metrics}, batches at speed 1.
const engine = new FakeEngine();
const backend = new BackendService({ engine, transport: 'web', version: 'bench', log: () => undefined });
const server = await startWebServer({ backend, staticDir: '/nonexistent', port: 0, log: () => undefined });
const client = await WsTestClient.connect(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
const groups: TelemetryGroup[] = [
  { machineIds: [ids[0]!], metrics: [...telemetryMetrics] },
  { machineIds: ids, metrics: ['cpuPct', 'memUsedMiB', 'diskReadMBps', 'diskWriteMBps', 'netRxMBps', 'netTxMBps'] },
];
const subscribed = await client.call('setTelemetrySubscription', { groups });
if (!subscribed.ok) throw new Error(`subscription refused: ${subscribed.error.message}`);
const jsonBytesBefore = client.receivedBytes - client.telemetryBytes;
const streamStart = performance.now();
for (let s = 1; s <= streamedSeconds; s++) {
  engine.events.emit('telemetry', { ...batches[s]!, simTimeMs: s * 1000 });
  await client.waitFor((f) => f.kind === 'event' && f.event === 'telemetry' && (f.payload as TelemetryFrame).simTimeMs.includes(s * 1000));
  // Speed 1: the next simulated second ends one real second later.
  await new Promise((resolve) => setTimeout(resolve, 1000 - ((performance.now() - streamStart) % 1000)));
}
const wallS = (performance.now() - streamStart) / 1000;
const telemetryBytesPerSecond = client.telemetryBytes / wallS;
const frameBytes = client.telemetryBytes / streamedSeconds;
const otherBytes = client.receivedBytes - client.telemetryBytes - jsonBytesBefore;
await client.close();
await server.close();
backend.dispose();

const result = {
  name: 'telemetry',
  guests,
  engine: {
    batchMsPer1000Guests: Number(batchMs.toFixed(4)),
    simulatedSecondMs: Number(secondMs.toFixed(2)),
    batchShareOfSecond: Number((batchMs / secondMs).toFixed(4)),
    batchBytes: sample.values.byteLength,
    target: 'far below 1 ms per simulated second',
  },
  history: {
    machines: history.machineCount,
    simulatedSeconds: historySeconds,
    storedSampleBytesPerMachine: Math.round(history.bytes / guests),
    heapAndBufferBytesPerMachine: Math.round(historyBytes / guests),
    recordMsPerBatch: Number(recordMs.toFixed(4)),
    queryHourMs: Number(queryMs.toFixed(2)),
  },
  websocket: {
    subscription: '1 machine × 12 metrics + 1,000 machines × 6 metrics',
    speed: 1,
    framesPerSecond: 1,
    bytesPerFrame: Math.round(frameBytes),
    telemetryBytesPerSecond: Math.round(telemetryBytesPerSecond),
    otherBytesWhileStreaming: otherBytes,
    target: '≤ 64 KB/s',
  },
};
process.stderr.write(
  `batch ${result.engine.batchMsPer1000Guests} ms per 1,000 guests (${(result.engine.batchShareOfSecond * 100).toFixed(2)} % of simulating the second); ` +
    `history ${(result.history.heapAndBufferBytesPerMachine / 1024).toFixed(0)} KiB per machine-hour; ` +
    `WebSocket ${(telemetryBytesPerSecond / 1024).toFixed(1)} KiB/s\n`,
);
console.log(JSON.stringify(result));
