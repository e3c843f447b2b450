// Library status through the backend: "(in memory)" without a library; save errors reach clients as libraryStatus events.
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/api/events.ts';
import { BackendService } from '../backendService.ts';
import { FakeEngine } from '../testing/fakeEngine.ts';
import { LibraryStatusTracker } from './libraryStatusTracker.ts';

function backendWith(library?: LibraryStatusTracker) {
  const events: { event: EventName; payload: unknown }[] = [];
  const backend = new BackendService({ engine: new FakeEngine(), transport: 'web', version: 'test', log: () => undefined, ...(library ? { library } : {}) });
  const api = backend.apiFor(backend.connect((event, payload) => events.push({ event, payload })));
  return { backend, api, events };
}

describe('library status', () => {
  it('is "(in memory)" for a backend without a library', async () => {
    const { api, backend } = backendWith();
    expect(await api.getLibraryStatus({})).toEqual({ dir: '(in memory)', loadedMachines: 0, problems: [], notes: [] });
    backend.dispose();
  });

  it('reports load problems and pushes each change of the save error, once', async () => {
    const problem = { file: 'machines/x.json', reason: 'not valid JSON', message: 'x.json: not valid JSON; moved to quarantine', action: 'quarantined' as const, movedTo: 'quarantine/x.json', recoveredFromBackup: false };
    const tracker = new LibraryStatusTracker({ dir: '/lib', loadedMachines: 3, problems: [problem], notes: ['Took over a stale lock'] });
    const { api, events, backend } = backendWith(tracker);
    expect(await api.getLibraryStatus({})).toEqual({ dir: '/lib', loadedMachines: 3, problems: [problem], notes: ['Took over a stale lock'] });
    tracker.setSaveError('disk full');
    tracker.setSaveError('disk full');
    expect(await api.getLibraryStatus({})).toMatchObject({ saveError: 'disk full' });
    tracker.setSaveError(undefined);
    expect(events.filter((e) => e.event === 'libraryStatus').map((e) => (e.payload as { saveError?: string }).saveError)).toEqual(['disk full', undefined]);
    backend.dispose();
    tracker.setSaveError('after dispose');
    expect(events.filter((e) => e.event === 'libraryStatus')).toHaveLength(2);
  });
});
