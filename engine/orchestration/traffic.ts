// Once a simulated second: each service's virtual address spreads its requests evenly over the ready replicas (requests
// fail only when none is ready), and each running replica's CPU, memory and processes follow from its share — with the
// kernel enforcing cpu.max (throttling), memory.max (the OOM killer) and pids.max (failed forks).
import type { LifecycleContext } from './replicaLifecycle.ts';
import { exit } from './replicaLifecycle.ts';
import type { AppRec, ReplicaRec, ServiceRec } from './model.ts';

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;

export function routeTraffic(ctx: LifecycleContext, app: AppRec): void {
  const readyCount = new Map<ServiceRec, number>();
  for (const replica of app.replicas) if (replica.ready) readyCount.set(replica.service, (readyCount.get(replica.service) ?? 0) + 1);
  for (const service of app.services) {
    if (service.removed) continue;
    const ready = readyCount.get(service) ?? 0;
    const rps = service.spec.requestsPerSecond;
    service.requestsPerSecond = rps;
    service.errorsPerSecond = ready === 0 ? rps : 0;
    service.requestsTotal += rps;
    service.errorsTotal += service.errorsPerSecond;
    if (service.spec.replicas > 0) {
      service.aliveSeconds += 1;
      if (ready > 0) service.readySeconds += 1;
    }
  }
  for (const replica of [...app.replicas]) {
    if (replica.phase !== 'Running' && replica.phase !== 'Starting') continue;
    const share = replica.ready ? replica.service.requestsPerSecond / Math.max(1, readyCount.get(replica.service) ?? 1) : 0;
    useResources(ctx, replica, share);
  }
  app.viewDirty = true;
}

/** Resources of one replica serving `rps` requests per second for the last second; kills it when it breaks a limit. */
export function useResources(ctx: LifecycleContext, replica: ReplicaRec, rps: number): void {
  const process = replica.image.process;
  const limits = replica.template.resources.limits;
  const uptimeS = (ctx.nowMs - replica.startedAtMs) / 1000;
  // A JIT compiles hot paths as they run: early requests cost up to three times the warm cost.
  const warmup = process.warmupS ? 1 + 2 * Math.max(0, 1 - uptimeS / process.warmupS) : 1;
  const demand = process.cpuBaseCores + process.cpuPerRequest * rps * warmup;
  const cap = limits.cpus ?? replica.node?.cpus ?? demand;
  replica.cpuCores = round(Math.min(demand, cap));
  replica.throttled = demand > cap + 1e-9;
  replica.memoryMiB = round(process.baseMemoryMiB + process.memoryPerRps * rps + (process.leakMiBPerS ?? 0) * uptimeS, 1);
  replica.processes = process.processes + Math.ceil(process.processesPerRps * rps);
  if (limits.memoryMiB !== undefined && replica.memoryMiB > limits.memoryMiB) {
    exit(ctx, replica, 'OOMKilled', `memory ${Math.ceil(replica.memoryMiB)} MiB exceeded memory.max ${limits.memoryMiB} MiB: the kernel's OOM killer ended it (exit code 137)`);
    return;
  }
  if (limits.pids !== undefined && replica.processes > limits.pids) {
    exit(ctx, replica, 'Error', `fork failed: Resource temporarily unavailable (pids.max ${limits.pids}, it needs ${replica.processes})`);
  }
}
