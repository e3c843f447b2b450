// Benchmark: the orchestrator's scheduler placing 10,000 replicas (20 services × 500) on 500 container hosts (target ≤ 1 s).
import { parseApplicationFile } from '../shared/domain/applicationFile.ts';
import { node, testCluster } from '../engine/orchestration/testing/testCluster.ts';

const hosts = 500;
const services = 20;
const perService = 500;
const rounds = 3;
const targetMs = 1000;

const images = ['nginx:1.27', 'postgres:16', 'virtlab/shop-api:1.1', 'alpine:3.20', 'virtlab/shop-web:1.0'];
const file = `name: fleet
services:
${Array.from({ length: services }, (_, i) => `  svc-${i}:
    image: ${images[i % images.length]}
    replicas: ${perService}
    resources: { requests: { cpus: ${0.25 + (i % 4) * 0.25}, memory: ${128 * (1 + (i % 3))}Mi } }
`).join('')}`;
const spec = parseApplicationFile(file);

let bestMs = Infinity;
let placed = 0;
let pending = 0;
let maxPerHost = 0;
for (let round = 0; round < rounds; round++) {
  // Hosts of 32 cores and 128 GiB: room for every replica, so the scheduler does all 10,000 placements.
  const cluster = testCluster(Array.from({ length: hosts }, (_, i) => node(i + 1, 32, 131_072)));
  const start = performance.now();
  const view = cluster.orchestrator.deploy('fleet', spec);
  bestMs = Math.min(bestMs, performance.now() - start);
  placed = view.replicas.filter((r) => r.hostId !== undefined).length;
  pending = view.replicas.length - placed;
  // Spreading: replicas of one service on the busiest host (500 replicas over 500 hosts should be 1).
  const counts = new Map<string, number>();
  for (const r of view.replicas) if (r.hostId) counts.set(`${r.service}@${r.hostId}`, (counts.get(`${r.service}@${r.hostId}`) ?? 0) + 1);
  maxPerHost = Math.max(...counts.values());
}
if (placed !== services * perService) throw new Error(`placed ${placed} of ${services * perService} replicas (${pending} pending)`);
const result = {
  name: 'scheduling',
  hosts,
  replicas: placed,
  scheduleMs: Math.round(bestMs),
  replicasPerSecond: Math.round(placed / (bestMs / 1000)),
  maxReplicasOfAServicePerHost: maxPerHost,
  targetMs,
  withinTarget: bestMs <= targetMs,
  nodeVersion: process.version,
};
process.stderr.write(`${placed} replicas scheduled on ${hosts} hosts in ${result.scheduleMs} ms (target ≤ ${targetMs} ms); at most ${maxPerHost} replica of a service per host\n`);
console.log(JSON.stringify(result));
