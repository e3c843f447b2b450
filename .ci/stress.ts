// `npm run test:stress`: the whole suite (`npm test`) while two busy processes compete for the CPU, as on a loaded machine.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { repoRoot, stepEnv } from './runStep.ts';

/** Busy loops: each keeps one core fully used until it is stopped. */
const burnerCount = 2;

function startBurner(): ChildProcess {
  const burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  burner.on('error', (error) => console.error(`stress: a CPU burner failed to start: ${error.message}`));
  return burner;
}

const burners = Array.from({ length: burnerCount }, startBurner);
const stopBurners = (): void => {
  for (const burner of burners) if (burner.exitCode === null && burner.signalCode === null) burner.kill('SIGKILL');
};
// However this ends (Ctrl-C included), the burners must not outlive it.
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });
}

console.log(`stress: ${burnerCount} CPU burners running (pids ${burners.map((b) => b.pid).join(', ')}); running npm test`);
const started = Date.now();
const status = await new Promise<number>((resolve) => {
  const suite = spawn(process.execPath, ['.ci/testAll.ts'], { cwd: repoRoot, env: stepEnv(), stdio: 'inherit' });
  suite.on('error', () => resolve(1));
  suite.on('close', (code) => resolve(code ?? 1));
});
stopBurners();
const minutes = (Date.now() - started) / 60_000;
console.log(`stress: npm test under ${burnerCount} CPU burners took ${minutes.toFixed(1)} min and ${status === 0 ? 'passed' : 'FAILED'}`);
process.exitCode = status;
