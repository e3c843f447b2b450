// The container image catalogue (images, their layers, where they are pulled) and what layer sharing saves per host.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { ImageCatalogue } from '../../shared/domain/containerImages.ts';
import { useApi } from '../api/apiInstance.ts';
import { useNotificationsStore } from './notificationsStore.ts';

export const useImageCatalogueStore = defineStore('imageCatalogue', () => {
  const catalogue = ref<ImageCatalogue | null>(null);

  async function load(): Promise<void> {
    try {
      catalogue.value = await useApi().listImages({});
    } catch (error) {
      useNotificationsStore().showError('Could not load the image catalogue', error);
    }
  }

  /** Every image reference, newest tag last per repository, as a select offers them. */
  function refs(): string[] {
    return catalogue.value?.images.map((image) => image.ref) ?? [];
  }

  return { catalogue, load, refs };
});
