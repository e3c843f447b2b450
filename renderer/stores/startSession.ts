// Wires the stores to the API once at start-up and reloads everything whenever the connection (re)opens.
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { useConnectionStore } from './connectionStore.ts';
import { useMachinesStore } from './machinesStore.ts';
import { useCatalogStore } from './catalogStore.ts';
import { useEngineStore } from './engineStore.ts';
import { useTelemetryStore } from './telemetryStore.ts';
import { useMachineInsightStore } from './machineInsightStore.ts';
import { useMachineConfigStore } from './machineConfigStore.ts';
import { useStorageStore } from './storageStore.ts';
import { useLibraryStore } from './libraryStore.ts';
import { useDatacenterStore } from './datacenterStore.ts';
import { useApplicationsStore } from './applicationsStore.ts';

export function startSession(): Unsubscribe {
  const api = useApi();
  const machines = useMachinesStore();
  const catalog = useCatalogStore();
  const engine = useEngineStore();
  useConnectionStore().attach();
  machines.attach();
  catalog.attach();
  useMachineInsightStore().attach();
  engine.attach();
  useTelemetryStore().attach();
  const machineConfig = useMachineConfigStore();
  const storage = useStorageStore();
  machineConfig.attach();
  storage.attach();
  const library = useLibraryStore();
  library.attach();
  const datacenter = useDatacenterStore();
  datacenter.attach();
  const applications = useApplicationsStore();
  applications.attach();

  // Events missed while disconnected are not replayed, so every (re)connection starts from a fresh snapshot.
  const loadAll = (): void => {
    void machines.load();
    void catalog.load();
    void engine.load();
    storage.scheduleRefresh();
    void machineConfig.refresh();
    void library.load();
    void datacenter.load();
    void applications.load();
  };
  if (api.connectionState() === 'open') loadAll();
  const stopReloads = api.onConnectionChange((state) => {
    if (state === 'open') loadAll();
  });

  // Re-anchor the simulated clock now and then; between anchors the status bar extrapolates.
  const resync = setInterval(() => {
    if (api.connectionState() === 'open') void engine.load();
  }, 15_000);

  return () => {
    stopReloads();
    clearInterval(resync);
  };
}
