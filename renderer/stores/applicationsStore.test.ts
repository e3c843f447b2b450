// The applications store: loads applications and container hosts, follows the applicationsChanged stream, runs
// commands and applies their replies, and hands a refused deployment back to the dialog.
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { fakeApplication, fakeService } from '../test/fakeApplications.ts';
import { setupStores } from '../test/mountWithApp.ts';
import { useApplicationsStore } from './applicationsStore.ts';
import { useNotificationsStore } from './notificationsStore.ts';

let backend: FakeBackend;

beforeEach(() => {
  backend = setupStores();
});

describe('applications store', () => {
  it('loads applications and container hosts, then follows changes and removals', async () => {
    backend.applications = [fakeApplication()];
    const store = useApplicationsStore();
    store.attach();
    await store.load();
    expect(store.apps.map((a) => a.name)).toEqual(['shop']);
    expect(store.nodes.map((n) => n.hostName)).toEqual(['Workstation', 'Node 1', 'Node 2']);
    expect(store.selected?.id).toBe('app-1');
    backend.emit('applicationsChanged', { applications: [fakeApplication({ services: [fakeService({ ready: 2 })] }), fakeApplication({ id: 'app-2', name: 'blog', createdAtMs: 5 })], removed: [] });
    expect(store.apps.map((a) => [a.name, a.services[0]!.ready])).toEqual([
      ['shop', 2],
      ['blog', 1],
    ]);
    backend.emit('applicationsChanged', { applications: [], removed: ['app-1'] });
    expect(store.apps.map((a) => a.name)).toEqual(['blog']);
  });

  it('deploys a file, selects the new application, and hands a refusal back with its message', async () => {
    const store = useApplicationsStore();
    backend.overrides.deployApplication = () => fakeApplication({ id: 'app-9', name: 'new' });
    await store.deploy('name: new', 'new.yaml');
    expect(backend.callsOf('deployApplication')).toEqual([{ source: 'name: new', fileName: 'new.yaml' }]);
    expect(store.selected?.name).toBe('new');
    backend.overrides.deployApplication = () => {
      throw new AppError('VALIDATION', 'services.web.image: is required (line 4)', 'services.web.image');
    };
    await expect(store.deploy('name: bad')).rejects.toThrow('services.web.image: is required (line 4)');
    expect(useNotificationsStore().current).toBeNull();
  });

  it('scales and rolls out through the API, applies the reply, and shows a refusal', async () => {
    const store = useApplicationsStore();
    const app = fakeApplication();
    backend.overrides.scaleService = () => fakeApplication({ services: [fakeService({ desired: 5 })] });
    await store.scale(app, 'web', 5);
    expect(backend.callsOf('scaleService')).toEqual([{ id: 'app-1', service: 'web', replicas: 5 }]);
    expect(store.apps[0]!.services[0]!.desired).toBe(5);
    backend.overrides.rolloutService = () => {
      throw new AppError('CONFLICT', 'web already runs nginx:1.27', 'image');
    };
    expect(await store.rollout(app, 'web', 'nginx:1.27')).toBe(false);
    expect(useNotificationsStore().current?.text).toBe('Could not roll out web: web already runs nginx:1.27');
    expect(store.isPending('app-1')).toBe(false);
  });

  it('fails and recovers a container host', async () => {
    const store = useApplicationsStore();
    await store.failHost('host-6');
    expect(store.nodes.find((n) => n.hostId === 'host-6')?.ready).toBe(false);
    await store.recoverHost('host-6');
    expect(store.nodes.find((n) => n.hostId === 'host-6')?.ready).toBe(true);
  });
});
