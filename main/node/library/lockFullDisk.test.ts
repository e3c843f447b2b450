// The lock on a real full disk (a filled tmpfs in a private mount namespace): a failed start leaves no lock behind.
import { describe, expect, it } from 'vitest';
import { mountsUntestable, runProbeOnFullDisk } from './testing/restrictedRuns.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();

describe.skipIf(mountsUntestable !== undefined)('library lock on a full disk', () => {
  it('fails with ENOSPC and leaves neither an empty library.lock nor a temp file', async () => {
    const dir = await tempDir();
    const run = await runProbeOnFullDisk(dir, 'lock', dir);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'ENOSPC', message: expect.stringContaining('no space left on device') }, files: [] });
  });
});

if (mountsUntestable !== undefined) console.log(`skipped: library lock on a full disk: ${mountsUntestable}`);
