// Test double for the CLI's backend session: the real BackendService over a FakeEngine, with optional method overrides.
import type { AppApi } from '../../../shared/api/methods.ts';
import { BackendService } from '../../node/backendService.ts';
import { FakeEngine } from '../../node/testing/fakeEngine.ts';
import type { SessionMode } from '../commandTypes.ts';
import type { BackendSession, OpenSession } from '../inProcessSession.ts';
import type { CliIo, RunDependencies } from '../runVirtlab.ts';
import { runVirtlab } from '../runVirtlab.ts';

export interface FakeCli {
  readonly engine: FakeEngine;
  readonly api: AppApi;
  readonly opened: string[];
  closed: number;
  run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; bytes: Buffer }>;
}

export function fakeCli(options: { mode?: SessionMode; overrides?: Partial<AppApi>; cwd?: string; stdin?: Buffer } = {}): FakeCli {
  const engine = new FakeEngine();
  const backend = new BackendService({ engine, transport: 'web', version: '9.9.9', log: () => undefined });
  const api: AppApi = { ...backend.apiFor(backend.connect(() => undefined)), ...options.overrides };
  const cli: FakeCli = {
    engine,
    api,
    opened: [],
    closed: 0,
    run: async (...argv) => {
      let stdout = '';
      let stderr = '';
      const binary: Buffer[] = [];
      const io: CliIo = { stdout: (t) => (stdout += t), stdoutBytes: (b) => binary.push(Buffer.from(b)), stderr: (t) => (stderr += t), stderrIsTty: false };
      const openSession: OpenSession = async ({ libraryDir }) => {
        cli.opened.push(libraryDir);
        const session: BackendSession = {
          api,
          mode: options.mode ?? 'in-process',
          libraryDir,
          close: async () => {
            cli.closed += 1;
          },
        };
        return session;
      };
      const deps: RunDependencies = { io, cwd: options.cwd ?? '/work', env: { VIRTLAB_LIBRARY: '/lib' }, version: '9.9.9', openSession, readStdin: async () => options.stdin ?? Buffer.alloc(0) };
      const code = await runVirtlab(argv, deps);
      return { code, stdout, stderr, bytes: Buffer.concat(binary) };
    },
  };
  return cli;
}
