// Connection to the backend as the status bar shows it: state of the transport and which transport it is.
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { Unsubscribe } from '../../shared/api/events.ts';
import type { ConnectionState, TransportKind } from '../api/apiClient.ts';
import { useApi } from '../api/apiInstance.ts';

const stateLabels: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  closed: 'Disconnected, reconnecting…',
  unauthorized: 'Access token no longer valid',
};

export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>('connecting');
  const transport = ref<TransportKind>('web');
  const label = computed(() => stateLabels[state.value]);
  const isOpen = computed(() => state.value === 'open');
  let unsubscribe: Unsubscribe | undefined;

  function attach(): void {
    unsubscribe?.();
    const api = useApi();
    transport.value = api.kind;
    state.value = api.connectionState();
    unsubscribe = api.onConnectionChange((next) => {
      state.value = next;
    });
  }

  return { state, transport, label, isOpen, attach };
});
