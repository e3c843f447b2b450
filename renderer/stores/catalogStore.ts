// Reference data for views: the guest OS types the wizard offers and the physical hosts machines live on.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import { osTypes as bundledOsTypes } from '../../shared/domain/osTypes.ts';
import type { Host } from '../../shared/domain/host.ts';
import type { MethodOutput } from '../../shared/api/methods.ts';
import { useApi } from '../api/apiInstance.ts';
import { useNotificationsStore } from './notificationsStore.ts';

export type OsTypeInfo = MethodOutput<'listOsTypes'>[number];

export const useCatalogStore = defineStore('catalog', () => {
  // The contract's own list until the backend answers, so the wizard never opens empty.
  const osTypes = ref<OsTypeInfo[]>(bundledOsTypes.map((os) => ({ ...os, recommended: { ...os.recommended } })));
  const hosts = ref<Host[]>([]);

  async function load(): Promise<void> {
    try {
      const api = useApi();
      const [os, hostList] = await Promise.all([api.listOsTypes({}), api.listHosts({})]);
      osTypes.value = os;
      hosts.value = hostList;
    } catch (error) {
      useNotificationsStore().showError('Could not load the host and OS catalogue', error);
    }
  }

  /** Host capacity changes as machines are created and deleted. */
  async function refreshHosts(): Promise<void> {
    try {
      hosts.value = await useApi().listHosts({});
    } catch {
      // Non-essential: the details pane keeps the previous host figures.
    }
  }

  function osTypeById(id: string): OsTypeInfo | undefined {
    return osTypes.value.find((os) => os.id === id);
  }

  function osLabel(id: string): string {
    return osTypeById(id)?.label ?? id;
  }

  function hostById(id: string): Host | undefined {
    return hosts.value.find((host) => host.id === id);
  }

  return { osTypes, hosts, load, refreshHosts, osTypeById, osLabel, hostById };
});
