// Benchmark runner: runs every bench/*.bench.ts in its own Node process and writes its JSON to bench/results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const benchDir = import.meta.dirname;
const resultsDir = join(benchDir, 'results');

/**
 * Contract for a bench file: it prints one JSON document on stdout (its measurements) and exits 0.
 * Running each in a fresh process keeps one benchmark's JIT state and heap from skewing the next.
 */
const benchFiles = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();

if (benchFiles.length === 0) {
  console.log('No benchmarks yet: add bench/<name>.bench.ts files that print a JSON document on stdout.');
} else {
  mkdirSync(resultsDir, { recursive: true });
}

let failures = 0;
for (const file of benchFiles) {
  const name = basename(file, '.bench.ts');
  console.log(`▶ ${name}`);
  const run = spawnSync(process.execPath, [join(benchDir, file), ...process.argv.slice(2)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  let measurements: unknown;
  try {
    measurements = JSON.parse(run.stdout);
  } catch {
    measurements = undefined;
  }
  if (run.status !== 0 || measurements === undefined) {
    failures += 1;
    console.error(`✘ ${name}: exit code ${String(run.status)}${measurements === undefined ? ', stdout was not one JSON document' : ''}`);
    continue;
  }
  const out = join(resultsDir, `${name}.json`);
  const record = { name, node: process.version, platform: `${process.platform}-${process.arch}`, finishedAt: new Date().toISOString(), measurements };
  writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`✔ ${name} → ${out}`);
}
process.exitCode = failures > 0 ? 1 : 0;
