// A web-mode server whose library disk fills up: changes stay pending (and say so), and are written once space returns.
import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../../shared/api/methods.ts';
import type { LibraryStatus } from '../../../shared/domain/library.ts';
import { openRemoteSession } from '../../cli/remoteSession.ts';
import { startChildWebServer } from '../testing/childWebServer.ts';
import { inMountNamespaceOf, mountsUntestable, nsenterUntestable, onSmallDisk } from './testing/restrictedRuns.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();
const untestable = mountsUntestable ?? nsenterUntestable;

/** Asks the server for its library status until `done` holds; a slow machine only makes this take longer. */
async function waitForStatus(api: AppApi, done: (status: LibraryStatus) => boolean): Promise<LibraryStatus> {
  for (;;) {
    const status = await api.getLibraryStatus({});
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(untestable !== undefined)('a web-mode server on a full disk', () => {
  it('keeps confirmed changes pending while the disk is full, shows how many, and writes them all once space returns', async () => {
    const disk = await tempDir();
    const library = `${disk}/library`;
    const server = await startChildWebServer(library, onSmallDisk(disk, '4m'));
    const url = new URL(server.wsUrl);
    const session = await openRemoteSession(
      { url: `http://${url.host}`, token: url.searchParams.get('token') ?? '', pid: server.pid },
      { libraryDir: library, onProgress: () => undefined },
    );
    const { api } = session;
    const inNamespace = (script: string) => inMountNamespaceOf(server.pid, script);
    try {
      const first = await api.createMachine({ name: 'before-full', osType: 'alpine64', vcpus: 1, memoryMiB: 128, diskGiB: 1 });
      // Fill the disk to the last block (dd stops with ENOSPC, which is the point).
      await inNamespace(`dd if=/dev/zero of='${disk}/.fill' bs=4k 2>/dev/null || true`);

      const second = await api.createMachine({ name: 'while-full', osType: 'alpine64', vcpus: 1, memoryMiB: 128, diskGiB: 1 });
      await api.updateSettings({ id: first.id, patch: { name: 'renamed-while-full' } });
      const failing = await waitForStatus(api, (status) => (status.unsavedChanges ?? 0) >= 2);
      expect(failing.saveError).toMatch(/no space left on device/i);
      expect(failing.unsavedChanges).toBe(2);
      const notOnDisk = await inNamespace(`cat '${library}/machines/${second.id}.json' 2>/dev/null || echo missing`);
      expect(notOnDisk.stdout.trim()).toBe('missing');

      // Space returns: the retry writes what waited, without another change to trigger it.
      await inNamespace(`rm '${disk}/.fill'`);
      const recovered = await waitForStatus(api, (status) => status.saveError === undefined && status.unsavedChanges === undefined);
      expect(recovered.problems).toEqual([]);
      const documents = await inNamespace(`cat '${library}/machines/${first.id}.json' '${library}/machines/${second.id}.json'`);
      expect(documents.code).toBe(0);
      expect(documents.stdout).toContain('"name": "renamed-while-full"');
      expect(documents.stdout).toContain('"name": "while-full"');
      expect((await api.listMachines({})).map((machine) => machine.name).sort()).toEqual(['renamed-while-full', 'while-full']);
    } finally {
      await session.close();
      await server.stop();
    }
  });
});

if (untestable !== undefined) console.log(`skipped: web-mode server on a full disk: ${untestable}`);
