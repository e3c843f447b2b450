// Which main view the window shows: the machine manager, the hosts overview or the all-machines activity table.
import { ref } from 'vue';
import { defineStore } from 'pinia';

export type MainView = 'machines' | 'hosts' | 'activity';
export const mainViews: readonly MainView[] = ['machines', 'hosts', 'activity'];

export const useViewStore = defineStore('view', () => {
  const current = ref<MainView>('machines');

  function show(view: MainView): void {
    current.value = view;
  }

  return { current, show };
});
