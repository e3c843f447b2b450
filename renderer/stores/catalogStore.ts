// Reference data for views: guest OS types, and the hosts with the platforms (kinds of virtualization) they run.
import { computed, ref } from 'vue';
import type { Labels } from '../machines/searchText.ts';
import { defineStore } from 'pinia';
import { osTypes as bundledOsTypes } from '../../shared/domain/osTypes.ts';
import type { Host, PlatformSummary } from '../../shared/domain/host.ts';
import type { KindDescription } from '../../shared/domain/kinds.ts';
import type { MethodOutput } from '../../shared/api/methods.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import type { InstallPlatformSpec } from '../../shared/domain/platforms.ts';
import { useApi } from '../api/apiInstance.ts';
import { useNotificationsStore } from './notificationsStore.ts';

export type OsTypeInfo = MethodOutput<'listOsTypes'>[number];

/** The platform the backend uses when a spec names none; the wizard preselects it. */
export const defaultHostId = 'host-1';
export const defaultPlatformId = 'esx-atlas';

/** Host figures move with every state change; one listHosts per this many real milliseconds is plenty. */
export const hostRefreshIntervalMs = 1000;

function placeholderKind(kind: string): KindDescription {
  return {
    kind: kind as KindDescription['kind'],
    label: kind,
    shortLabel: kind,
    summary: '',
    icon: 'mdi-help-circle-outline',
    guestNoun: 'machine',
    acceptsGuests: true,
    crossIsa: false,
    dedicatedResources: false,
    settings: [],
    memoryTechniques: [],
    ioPaths: [],
    macPrefix: '',
    liveMigration: 'none',
    power: { shutdownLabel: 'Shut Down', shutdownHint: '', powerOffHow: '', resetHow: '', saveState: { supported: true, noun: 'saved state' } },
    installable: { inMachine: false, onPlatform: false, withOs: false },
  };
}

export const useCatalogStore = defineStore('catalog', () => {
  // The contract's own list until the backend answers, so the wizard never opens empty.
  const osTypes = ref<OsTypeInfo[]>(bundledOsTypes.map((os) => ({ ...os, recommended: { ...os.recommended } })));
  const hosts = ref<Host[]>([]);
  /** What each kind of virtualization is and supports, as the engine describes it. */
  const kinds = ref<KindDescription[]>([]);
  let unsubscribers: Unsubscribe[] = [];
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let lastRefreshMs = Number.NEGATIVE_INFINITY;

  async function load(): Promise<void> {
    try {
      const api = useApi();
      const [os, hostList, kindList] = await Promise.all([api.listOsTypes({}), api.listHosts({}), api.listKinds({})]);
      osTypes.value = os;
      hosts.value = hostList;
      kinds.value = kindList;
    } catch (error) {
      useNotificationsStore().showError('Could not load the host and OS catalogue', error);
    }
  }

  /** Host capacity changes as machines are created, started, stopped and deleted. */
  async function refreshHosts(): Promise<void> {
    lastRefreshMs = Date.now();
    try {
      hosts.value = await useApi().listHosts({});
    } catch {
      // Non-essential: views keep the previous host figures until the next refresh.
    }
  }

  /** Throttled refresh: at most one listHosts per interval, and always one after the last change. */
  function scheduleRefresh(): void {
    if (refreshTimer !== undefined) return;
    const wait = Math.max(0, lastRefreshMs + hostRefreshIntervalMs - Date.now());
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void refreshHosts();
    }, wait);
  }

  /** Installs a platform (the engine's nesting rules decide); a refusal is thrown so the dialog can show its reason. */
  async function installPlatform(spec: InstallPlatformSpec): Promise<void> {
    hosts.value = await useApi().installPlatform(spec);
  }

  /** The platform installed in a machine (a hypervisor in a partition), if any. */
  function platformInMachine(machineId: string): PlatformSummary | undefined {
    for (const host of hosts.value) {
      const platform = host.platforms.find((p) => p.partitionMachineId === machineId);
      if (platform) return platform;
    }
    return undefined;
  }

  function osTypeById(id: string): OsTypeInfo | undefined {
    return osTypes.value.find((os) => os.id === id);
  }

  function osLabel(id: string): string {
    return osTypeById(id)?.label ?? id;
  }

  /** The engine's description of a kind; a neutral placeholder until the catalogue has loaded. */
  function kindInfo(kind: string): KindDescription {
    return kinds.value.find((k) => k.kind === kind) ?? placeholderKind(kind);
  }

  function hostById(id: string): Host | undefined {
    return hosts.value.find((host) => host.id === id);
  }

  function platformById(id: string): PlatformSummary | undefined {
    for (const host of hosts.value) {
      const platform = host.platforms.find((p) => p.id === id);
      if (platform) return platform;
    }
    return undefined;
  }

  /** Platforms of a host that take guests (a bare host OS only carries other platforms). */
  function guestPlatforms(hostId: string): PlatformSummary[] {
    return hostById(hostId)?.platforms.filter((p) => p.acceptsGuests) ?? [];
  }

  function defaultPlatformFor(hostId: string): PlatformSummary | undefined {
    const platforms = guestPlatforms(hostId);
    return platforms.find((p) => p.id === defaultPlatformId) ?? platforms[0];
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    const api = useApi();
    // Installing a platform changes the hosts' platform lists (the New Machine wizard offers it at once).
    unsubscribers = [api.on('machinesChanged', scheduleRefresh), api.on('inventoryChanged', () => void refreshHosts())];
  }

  // Host figures change with every refresh, their names almost never: labels (and every search text cached on them)
  // are rebuilt only when a name, an OS type or a kind changes.
  const labelKey = computed(() => [osTypes.value.length, kinds.value.map((k) => k.shortLabel).join(','), hosts.value.map((h) => `${h.id}=${h.name}`).join(',')].join('|'));
  /** Names people read for OS types, kinds and hosts, for search and sorting. */
  let cachedLabels: { key: string; labels: Labels } | null = null;
  const labels = computed<Labels>(() => {
    const key = labelKey.value;
    // Returning the same object keeps dependants (and their caches) still; only the key is tracked then.
    if (cachedLabels?.key === key) return cachedLabels.labels;
    const os = new Map(osTypes.value.map((o) => [o.id, o.label]));
    const kindNames = new Map(kinds.value.map((k) => [k.kind as string, k.shortLabel]));
    const hostNames = new Map(hosts.value.map((h) => [h.id, h.name]));
    const built: Labels = { os: (id) => os.get(id) ?? id, kind: (kind) => kindNames.get(kind) ?? kind, host: (id) => hostNames.get(id) ?? id };
    cachedLabels = { key, labels: built };
    return built;
  });

  return {
    labels,
    osTypes,
    hosts,
    kinds,
    kindInfo,
    load,
    refreshHosts,
    scheduleRefresh,
    osTypeById,
    osLabel,
    hostById,
    platformById,
    guestPlatforms,
    defaultPlatformFor,
    installPlatform,
    platformInMachine,
    attach,
  };
});
