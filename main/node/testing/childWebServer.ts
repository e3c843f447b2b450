// A web-mode Virtlab in a child process, for tests and benches that measure the server on its own (memory, latency).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webMain = fileURLToPath(new URL('../webMain.ts', import.meta.url));

export interface ChildWebServer {
  readonly pid: number;
  /** ws://…/api?token=… */
  readonly wsUrl: string;
  /** Everything the server wrote to stderr so far. */
  log(): string;
  /** Resolves once the server's log has a line matching `pattern` (or rejects if the server exits first). */
  waitForLog(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
  /** Kills the server with SIGKILL (no clean-up runs) and resolves once it is gone; the library is left as the kill found it. */
  kill(): Promise<void>;
}

/** Turns the server's command line (node and its arguments) into the one to run, e.g. inside a private mount namespace. */
export type CommandWrapper = (command: readonly string[]) => readonly string[];

/** `libraryDir`: an existing library to serve (a fresh one in a temp folder by default). */
export async function startChildWebServer(libraryDir?: string, wrap: CommandWrapper = (command) => command): Promise<ChildWebServer> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'virtlab-child-server-'));
  const [command, ...args] = wrap([process.execPath, webMain, '--port', '0', '--seed', '1', '--library', libraryDir ?? path.join(home, 'library')]);
  const child = spawn(command as string, args, {
    env: { ...process.env, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const listeners = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const listener of listeners) listener();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /Virtlab web mode: (\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`the web-mode server exited before it was ready:\n${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    pid: child.pid as number,
    wsUrl: `ws://${parsed.host}/api?token=${parsed.searchParams.get('token') ?? ''}`,
    log: () => stderr,
    waitForLog: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = stderr.split('\n').find((line) => pattern.test(line));
          if (match === undefined) return;
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        void exited.then(() => reject(new Error(`the server exited before logging ${String(pattern)}:\n${stderr}`)));
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(home, { recursive: true, force: true });
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface ProcessMemory {
  /** Resident set now, and its peak since start or the last resetPeakMemory, in MiB. */
  readonly rssMiB: number;
  readonly peakRssMiB: number;
}

/** Reads /proc/<pid>/status (Linux); undefined elsewhere. */
export function processMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Starts a new peak (VmHWM) from the current RSS, so a measurement sees only what follows; false where Linux does not allow it. */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
