// Runs one pipeline step as a child process with the project's tools on PATH, streaming its output.
import { spawn } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');

export interface StepResult {
  readonly name: string;
  readonly exitCode: number;
  readonly seconds: number;
}

/** The environment every step gets: node_modules/.bin first, so `node` is the project's Node 22. */
export function stepEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: [join(repoRoot, 'node_modules/.bin'), process.env.PATH ?? ''].join(delimiter) };
}

export async function runStep(name: string, command: string, args: readonly string[]): Promise<StepResult> {
  const started = performance.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const exitCode = await new Promise<number>((done) => {
    const child = spawn(command, args, { cwd: repoRoot, env: stepEnv(), stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`${name}: could not start ${command}: ${error.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${exitCode === 0 ? '✔' : '✘'} ${name} (${seconds.toFixed(1)} s${exitCode === 0 ? '' : `, exit code ${exitCode}`})`);
  return { name, exitCode, seconds };
}
