// A failed library save reaches the user as exactly one "virtlab: <message>" line (the runtime's own log lines are not repeated).
import { describe, expect, it, vi } from 'vitest';
import { BackendService } from '../node/backendService.ts';
import { FakeEngine } from '../node/testing/fakeEngine.ts';
import type * as LibraryRuntimeModule from '../node/libraryRuntime.ts';

const runtimeLog: { log?: (line: string) => void } = {};

vi.mock('../node/libraryRuntime.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof LibraryRuntimeModule>()),
  openLibraryRuntime: async (options: { log: (line: string) => void }) => {
    runtimeLog.log = options.log;
    const backend = new BackendService({ engine: new FakeEngine(), transport: 'web', version: '1', log: () => undefined });
    options.log('[library] /lib: 0 machines loaded');
    return {
      backend,
      close: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
  },
}));

describe('in-process session', () => {
  it('prints one virtlab: line when the change could not be saved, and exits 1', async () => {
    const { runVirtlab } = await import('./runVirtlab.ts');
    const { openInProcessSession } = await import('./inProcessSession.ts');
    let stdout = '';
    let stderr = '';
    const code = await runVirtlab(['--library', '/lib', 'create', '--name', 'web', '--os', 'ubuntu64'], {
      io: { stdout: (t) => (stdout += t), stdoutBytes: () => undefined, stderr: (t) => (stderr += t), stderrIsTty: false },
      cwd: '/',
      env: {},
      version: '1',
      readStdin: () => Promise.resolve(Buffer.alloc(0)),
      openSession: async (options) => {
        const session = await openInProcessSession(options);
        // What the runtime logs when its saver fails, before close() reports the same failure.
        runtimeLog.log?.('[library] Changes could not be saved to the library /lib: ENOSPC: no space left on device, write');
        return session;
      },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('virtlab: the change was not saved to the library /lib: ENOSPC: no space left on device, write\n');
  });
});
