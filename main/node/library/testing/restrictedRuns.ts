// Runs a probe script where the operating system really refuses: as an unprivileged user, or on a full or read-only disk.
import { spawn, spawnSync } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface ProbeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const probeScript = fileURLToPath(new URL('./libraryProbe.ts', import.meta.url));
const nobody = 65_534;
const isRoot = process.getuid?.() === 0;

function run(command: string, args: readonly string[], options: { uid?: number; gid?: number } = {}): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Why file modes cannot be tested here, or undefined when they can. Root ignores modes, so as root the probe runs as
 * user "nobody" (which needs a Node binary and checkout that others may read); other users are refused by modes anyway.
 */
export const permissionsUntestable: string | undefined = (() => {
  if (process.platform === 'win32') return 'Windows has no POSIX file modes';
  if (!isRoot) return undefined;
  const probe = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(probeScript)})`], { uid: nobody, gid: nobody });
  return probe.status === 0 ? undefined : `running as root, and user "nobody" cannot run ${process.execPath} on this checkout`;
})();

/** Runs the probe as a user file modes apply to (see permissionsUntestable). */
export function runProbeUnprivileged(...args: string[]): Promise<ProbeRun> {
  return run(process.execPath, [probeScript, ...args], isRoot ? { uid: nobody, gid: nobody } : {});
}

/** Lets the unprivileged probe into a test folder (mkdtemp makes them owner-only). */
export async function openToProbe(dir: string): Promise<void> {
  if (isRoot) await chmod(dir, 0o777);
}

/** A shell snippet run in a private mount namespace, so tests may mount tmpfs without touching the machine. */
function inMountNamespace(script: string): Promise<ProbeRun> {
  return run('unshare', ['--mount', '--propagation', 'private', 'sh', '-ec', script]);
}

/** Why real full or read-only disks cannot be made here (needs Linux, unshare and the right to mount), or undefined. */
export const mountsUntestable: string | undefined = (() => {
  if (process.platform !== 'linux') return 'tmpfs mounts in a private namespace need Linux';
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-ec', 'mount -t tmpfs -o size=64k tmpfs /mnt']);
  if (probe.error !== undefined) return `unshare is not available (${probe.error.message})`;
  return probe.status === 0 ? undefined : `cannot mount in a private namespace here (${probe.stderr.toString().trim() || `exit ${probe.status}`})`;
})();

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** Runs the probe with `dir` on a 64 KiB tmpfs filled to the last byte (writes fail with ENOSPC). */
export function runProbeOnFullDisk(dir: string, ...args: string[]): Promise<ProbeRun> {
  const d = quote(dir);
  return inMountNamespace(
    `mount -t tmpfs -o size=64k tmpfs ${d}; dd if=/dev/zero of=${d}/.fill bs=4k 2>/dev/null || true; ` +
      `exec ${quote(process.execPath)} ${quote(probeScript)} ${args.map(quote).join(' ')}`,
  );
}

/** Runs the probe with `dir` on an empty read-only tmpfs (writes fail with EROFS). */
export function runProbeOnReadOnlyDisk(dir: string, ...args: string[]): Promise<ProbeRun> {
  const d = quote(dir);
  return inMountNamespace(`mount -t tmpfs -o ro,size=64k tmpfs ${d}; exec ${quote(process.execPath)} ${quote(probeScript)} ${args.map(quote).join(' ')}`);
}

/** Runs `command` with `dir` bind-mounted read-only over itself (its content stays, writes fail with EROFS). */
export function runInReadOnlyBind(dir: string, command: string, args: readonly string[], cwd: string): Promise<ProbeRun> {
  const d = quote(dir);
  return inMountNamespace(`mount --bind ${d} ${d}; mount -o remount,ro,bind ${d}; cd ${quote(cwd)}; exec ${[command, ...args].map(quote).join(' ')}`);
}

/** Wraps a command line so it runs with `dir` on a fresh `size` tmpfs in a private mount namespace (see mountsUntestable). */
export function onSmallDisk(dir: string, size: string): (command: readonly string[]) => readonly string[] {
  return (command) => ['unshare', '--mount', '--propagation', 'private', 'sh', '-ec', `mount -t tmpfs -o size=${size} tmpfs ${quote(dir)}; exec ${command.map(quote).join(' ')}`];
}

/** Runs a shell snippet in the mount namespace of process `pid`, where its private tmpfs is visible (needs nsenter). */
export function inMountNamespaceOf(pid: number, script: string): Promise<ProbeRun> {
  return run('nsenter', ['-t', String(pid), '-m', 'sh', '-ec', script]);
}

/** Why another process's mount namespace cannot be entered here, or undefined when it can. */
export const nsenterUntestable: string | undefined = (() => {
  const probe = spawnSync('nsenter', ['-t', String(process.pid), '-m', 'true']);
  if (probe.error !== undefined) return `nsenter is not available (${probe.error.message})`;
  return probe.status === 0 ? undefined : `cannot enter a mount namespace here (${probe.stderr.toString().trim() || `exit ${probe.status}`})`;
})();
