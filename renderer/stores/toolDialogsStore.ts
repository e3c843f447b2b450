// Which tool window is open (Network Manager, Media Manager, Install Platform) and what Install Platform installs into.
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';

/** Where Install Platform puts the new platform: inside a machine, or on a platform (a host OS). */
export type InstallTarget = { readonly guest: string } | { readonly platform: string };

export const useToolDialogsStore = defineStore('toolDialogs', () => {
  const networkManagerOpen = ref(false);
  const mediaManagerOpen = ref(false);
  const installTarget = ref<InstallTarget | null>(null);

  const anyOpen = computed(() => networkManagerOpen.value || mediaManagerOpen.value || installTarget.value !== null);

  function openNetworkManager(): void {
    networkManagerOpen.value = true;
  }

  function openMediaManager(): void {
    mediaManagerOpen.value = true;
  }

  function openInstall(target: InstallTarget): void {
    installTarget.value = target;
  }

  function closeInstall(): void {
    installTarget.value = null;
  }

  return { networkManagerOpen, mediaManagerOpen, installTarget, anyOpen, openNetworkManager, openMediaManager, openInstall, closeInstall };
});
