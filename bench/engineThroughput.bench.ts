// Benchmark: building a world and fast-forwarding it (guest-steps per second, bytes per guest) at 1,000 and 100,000 guests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../esbuild.config.ts';
import type { SizeResult } from './support/engineThroughputRun.ts';

/** Each size runs in its own process, so one size's heap and JIT state cannot skew the other. */
const sizes = [
  { guests: 1000, hosts: 50, measuredS: 1000, target: 15e6 },
  { guests: 100_000, hosts: 5000, measuredS: 30, target: 10e6 },
] as const;
const buildTargetMs = 2000;
const bytesPerGuestTarget = 3000;

/**
 * The engine runs bundled by esbuild wherever it ships (Electron's and the CLI's worker), so that is what is measured.
 * Run as .ts instead, Node's TypeScript loader (WebAssembly) detaches an ArrayBuffer when its memory grows, and from
 * then on V8 checks every typed-array access for a detached buffer: the step loop measured about 14 % slower that way.
 */
async function bundleRunner(dir: string): Promise<string> {
  const outfile = join(dir, 'engineThroughputRun.mjs');
  await build({ ...nodeBundleOptions, entryPoints: [join(import.meta.dirname, 'support/engineThroughputRun.ts')], outfile, format: 'esm', sourcemap: false });
  return outfile;
}

// `node bench/engineThroughput.bench.ts 1000` runs only that size.
const only = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'virtlab-engine-bench-'));
try {
  const runner = await bundleRunner(dir);
  const results: SizeResult[] = [];
  for (const size of sizes.filter((s) => only === undefined || String(s.guests) === only)) {
    const args = [size.guests, size.hosts, size.measuredS, size.target].map(String);
    const run = spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`the ${size.guests}-guest run failed (exit ${String(run.status)})`);
    const result = JSON.parse(run.stdout) as SizeResult;
    results.push(result);
    process.stderr.write(
      `${result.guests} guests on ${result.hosts} hosts: built in ${result.buildMs} ms, ${(result.guestStepsPerSecond / 1e6).toFixed(2)} M guest-steps/s (target ${result.target / 1e6} M), ${result.bytesPerGuest} bytes per guest\n`,
    );
  }
  const big = results.at(-1)!;
  const small = results[0]!;
  // Linear: 100 times the guests costs about 100 times the time, not 10,000 times (a quadratic build).
  const buildGrowthPerGuest = big.buildMs / big.guests / (small.buildMs / small.guests);
  const verdict = {
    buildWithinTarget: big.buildMs <= buildTargetMs,
    buildLinear: buildGrowthPerGuest <= 3,
    throughput: results.every((r) => r.guestStepsPerSecond >= r.target),
    memory: results.every((r) => r.bytesPerGuest <= bytesPerGuestTarget),
  };
  console.log(JSON.stringify({ name: 'engineThroughput', sizes: results, targets: { buildMs: buildTargetMs, bytesPerGuest: bytesPerGuestTarget }, buildGrowthPerGuest: Number(buildGrowthPerGuest.toFixed(2)), verdict, engineLoadedFrom: 'esbuild bundle', nodeVersion: process.version }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
