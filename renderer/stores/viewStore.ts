// Which main view the window shows: the machine manager or the hosts overview.
import { ref } from 'vue';
import { defineStore } from 'pinia';

export type MainView = 'machines' | 'hosts';

export const useViewStore = defineStore('view', () => {
  const current = ref<MainView>('machines');

  function show(view: MainView): void {
    current.value = view;
  }

  return { current, show };
});
