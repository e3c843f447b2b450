// Deployed applications and the container hosts they run on, kept from the applicationsChanged stream, with the
// orchestrator's commands (deploy, scale, roll out and back, fail a replica or a host).
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { ApplicationView, ContainerNode } from '../../shared/domain/applicationView.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { useNotificationsStore } from './notificationsStore.ts';

/** Host figures follow the replicas; one listContainerNodes per this many real milliseconds is plenty. */
export const nodeRefreshIntervalMs = 500;

export const useApplicationsStore = defineStore('applications', () => {
  const apps = ref<ApplicationView[]>([]);
  const nodes = ref<ContainerNode[]>([]);
  const selectedId = ref<string | null>(null);
  const loaded = ref(false);
  /** Commands in flight, by what they act on (an application id or a host id): their buttons wait. */
  const pending = ref<ReadonlySet<string>>(new Set());
  let unsubscribers: Unsubscribe[] = [];
  let nodeTimer: ReturnType<typeof setTimeout> | undefined;

  const selected = computed(() => apps.value.find((app) => app.id === selectedId.value) ?? apps.value[0] ?? null);

  async function load(): Promise<void> {
    try {
      const api = useApi();
      const [list, hosts] = await Promise.all([api.listApplications({}), api.listContainerNodes({})]);
      apps.value = sorted(list);
      nodes.value = hosts;
      loaded.value = true;
    } catch (error) {
      useNotificationsStore().showError('Could not load the applications', error);
    }
  }

  function upsert(views: readonly ApplicationView[], removed: readonly string[] = []): void {
    const byId = new Map(apps.value.map((app) => [app.id, app]));
    for (const view of views) byId.set(view.id, view);
    for (const id of removed) byId.delete(id);
    apps.value = sorted([...byId.values()]);
  }

  function refreshNodesSoon(): void {
    if (nodeTimer !== undefined) return;
    nodeTimer = setTimeout(() => {
      nodeTimer = undefined;
      void useApi()
        .listContainerNodes({})
        .then((hosts) => (nodes.value = hosts))
        .catch(() => undefined);
    }, nodeRefreshIntervalMs);
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    unsubscribers = [
      useApi().on('applicationsChanged', ({ applications, removed }) => {
        upsert(applications, removed);
        refreshNodesSoon();
      }),
    ];
  }

  function select(id: string): void {
    selectedId.value = id;
  }

  /** Runs a command marked as pending on `key`; failures are shown and rethrown to the caller when `rethrow`. */
  async function run<T>(key: string, what: string, command: () => Promise<T>, rethrow = false): Promise<T | undefined> {
    pending.value = new Set([...pending.value, key]);
    try {
      return await command();
    } catch (error) {
      if (rethrow) throw error;
      useNotificationsStore().showError(what, error);
      return undefined;
    } finally {
      const next = new Set(pending.value);
      next.delete(key);
      pending.value = next;
    }
  }

  /** Deploys (or applies) a file; a refusal is thrown for the dialog to show next to the text. */
  async function deploy(source: string, fileName?: string): Promise<ApplicationView> {
    const view = await run('deploy', 'Could not deploy', () => useApi().deployApplication(fileName === undefined ? { source } : { source, fileName }), true);
    upsert([view!]);
    selectedId.value = view!.id;
    refreshNodesSoon();
    return view!;
  }

  const apply = (view: ApplicationView | undefined) => {
    if (view) upsert([view]);
  };

  async function scale(app: ApplicationView, service: string, replicas: number): Promise<void> {
    apply(await run(app.id, `Could not scale ${service}`, () => useApi().scaleService({ id: app.id, service, replicas })));
  }

  async function rollout(app: ApplicationView, service: string, image: string): Promise<boolean> {
    const view = await run(app.id, `Could not roll out ${service}`, () => useApi().rolloutService({ id: app.id, service, image }));
    apply(view);
    return view !== undefined;
  }

  async function rollback(app: ApplicationView, service: string): Promise<void> {
    apply(await run(app.id, `Could not roll back ${service}`, () => useApi().rollbackService({ id: app.id, service })));
  }

  async function failContainer(app: ApplicationView, service: string, replicaId?: string): Promise<void> {
    apply(await run(app.id, `Could not fail a replica of ${service}`, () => useApi().failContainer(replicaId === undefined ? { id: app.id, service } : { id: app.id, service, replicaId })));
  }

  async function remove(app: ApplicationView): Promise<void> {
    const done = await run(app.id, `Could not remove ${app.name}`, () => useApi().removeApplication({ id: app.id }));
    if (done) upsert([], [app.id]);
  }

  async function failHost(hostId: string): Promise<void> {
    const hosts = await run(hostId, 'Could not fail the host', () => useApi().failContainerHost({ hostId }));
    if (hosts) nodes.value = hosts;
  }

  async function recoverHost(hostId: string): Promise<void> {
    const hosts = await run(hostId, 'Could not recover the host', () => useApi().recoverContainerHost({ hostId }));
    if (hosts) nodes.value = hosts;
  }

  const isPending = (key: string): boolean => pending.value.has(key);

  return { apps, nodes, selected, selectedId, loaded, load, attach, select, deploy, scale, rollout, rollback, failContainer, remove, failHost, recoverHost, isPending };
});

function sorted(list: ApplicationView[]): ApplicationView[] {
  return [...list].sort((a, b) => a.createdAtMs - b.createdAtMs || a.name.localeCompare(b.name));
}
