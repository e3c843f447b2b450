// Benchmark: a web-mode server (child process) under hostile clients: memory while one sends 10,000 calls and never
// reads a reply, and another client's latency while a third sends frames nested 400,000 levels deep.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { processMemory, resetPeakMemory, startChildWebServer } from '../main/node/testing/childWebServer.ts';
import { floodWithoutReading } from '../main/node/testing/floodClient.ts';
import { WsTestClient } from '../main/node/testing/wsTestClient.ts';

const hostileScript = fileURLToPath(new URL('../main/node/testing/hostileClient.ts', import.meta.url));

const unreadCalls = 10_000;
const latencySamples = 400;
const nestedDepth = 400_000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const round = (n: number): number => Math.round(n * 100) / 100;

async function latencies(client: WsTestClient, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await client.call('getAppInfo');
    out.push(performance.now() - start);
  }
  return out;
}

const server = await startChildWebServer();
try {
  const reader = await WsTestClient.connect(server.wsUrl);
  for (let i = 0; i < 50; i += 1) await reader.call('createMachine', { name: `vm-${i}`, osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
  for (let i = 0; i < 100; i += 1) await reader.call('listMachines');
  const replyBytes = JSON.stringify(await reader.call('listMachines')).length;

  // 1. Memory: peak RSS growth while a client sends 10,000 listMachines calls without reading.
  const before = processMemory(server.pid);
  const peakReset = resetPeakMemory(server.pid);
  const flood = await floodWithoutReading(server.wsUrl, unreadCalls);
  await server.waitForLog(/closed a client that stopped reading/);
  const after = processMemory(server.pid);
  flood.socket.terminate();

  // 2. Latency of one client, idle and while another sends deeply nested frames back to back.
  const idle = await latencies(reader, latencySamples);
  // The attacker is its own process, so its work of building and sending frames is not counted as latency here.
  const attacker = spawn(process.execPath, [hostileScript, server.wsUrl, String(nestedDepth)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let hostileFrames = 0;
  const attacking = new Promise<void>((resolve) => {
    createInterface({ input: attacker.stdout }).on('line', (line) => {
      hostileFrames = Number(/^refused (\d+)$/.exec(line)?.[1] ?? hostileFrames);
      resolve();
    });
  });
  await attacking;
  const underAttack = await latencies(reader, latencySamples);
  const refusedBefore = hostileFrames;
  attacker.kill('SIGKILL');
  await reader.close();
  const nested = `{"kind":"call","id":1,"method":"getMachine","params":{"id":${'['.repeat(nestedDepth)}${']'.repeat(nestedDepth)}}}`;

  const result = {
    name: 'wsBackpressure',
    unreadCalls,
    replyBytes,
    rssBeforeMiB: before ? round(before.rssMiB) : null,
    peakRssMiB: after && peakReset ? round(after.peakRssMiB) : null,
    rssGrowthMiB: before && after && peakReset ? round(after.peakRssMiB - before.rssMiB) : null,
    targetGrowthMiB: 64,
    nestedFrameBytes: nested.length,
    hostileFramesRefused: refusedBefore,
    idleLatencyMs: { p50: round(percentile(idle, 50)), p99: round(percentile(idle, 99)) },
    latencyDuringNestedFramesMs: { p50: round(percentile(underAttack, 50)), p99: round(percentile(underAttack, 99)) },
    nodeVersion: process.version,
  };
  process.stderr.write(
    `unread calls: RSS +${String(result.rssGrowthMiB)} MiB (target ≤ 64); other client p99 ${result.idleLatencyMs.p99} ms idle, ` +
      `${result.latencyDuringNestedFramesMs.p99} ms during ${refusedBefore} frames nested ${nestedDepth} deep\n`,
  );
  console.log(JSON.stringify(result));
} finally {
  await server.stop();
}
