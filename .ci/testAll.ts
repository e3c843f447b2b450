// `npm test`: lint, dependency rules, type check, unit tests, build, e2e; then one line `N passed, N failed`.
import { existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, runStep, stepEnv, type StepResult } from './runStep.ts';
import { playwrightCounts, vitestCounts, type TestCounts } from './reports.ts';
import { findElectronBinary } from '../e2e/support/electronBinary.ts';

const unitReport = join(repoRoot, 'test-results/unit-results.json');
const e2eReport = join(repoRoot, 'test-results/e2e-results.json');

/** Electron needs a display; on a headless machine with an Electron binary, give Playwright a virtual one. */
function e2eCommand(): [string, string[]] {
  const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { env: stepEnv() }).status === 0;
  if (findElectronBinary(repoRoot) && !process.env.DISPLAY && hasXvfb) return ['xvfb-run', ['-a', 'playwright', 'test']];
  return ['playwright', ['test']];
}

// Stale reports must never be counted as this run's results.
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });

const steps: StepResult[] = [];
steps.push(await runStep('lint', 'eslint', ['.']));
steps.push(await runStep('dependency rules', 'npm', ['run', '--silent', 'depcheck']));
steps.push(await runStep('typecheck', 'vue-tsc', ['-b']));
const unit = await runStep('unit tests', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
steps.push(unit);
steps.push(await runStep('build', 'npm', ['run', '--silent', 'build']));
const [e2eBin, e2eArgs] = e2eCommand();
const e2e = await runStep('e2e tests', e2eBin, e2eArgs);
steps.push(e2e);

const total: TestCounts = { passed: 0, failed: 0, skipped: 0 };
const problems: string[] = [];
const suites: [StepResult, TestCounts | undefined][] = [
  [unit, vitestCounts(unitReport)],
  [e2e, playwrightCounts(e2eReport)],
];

console.log('\n── Summary ──');
for (const step of steps) console.log(`${step.exitCode === 0 ? 'ok    ' : 'FAILED'} ${step.name.padEnd(18)} ${step.seconds.toFixed(1).padStart(6)} s`);
for (const [step, counts] of suites) {
  if (counts) {
    console.log(`${step.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  // A suite that failed without naming a failing test (crash, missing report, file-level error) still counts once.
  if (step.exitCode !== 0 && (!counts || counts.failed === 0)) {
    total.failed += 1;
    problems.push(`${step.name} failed (exit code ${step.exitCode}) without a failing test in its report`);
  }
}
for (const step of steps) {
  if (step.exitCode !== 0 && !suites.some(([suite]) => suite === step)) {
    total.failed += 1;
    problems.push(`${step.name} failed (exit code ${step.exitCode})`);
  }
}
if (!existsSync(join(repoRoot, 'dist/renderer/index.html'))) problems.push('dist/renderer/index.html is missing, so e2e could not run');
for (const problem of problems) console.log(`✘ ${problem}`);

const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = steps.some((step) => step.exitCode !== 0) ? 1 : 0;
