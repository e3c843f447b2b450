// Which appliance dialog is open (Export, Import, Library), and the file handed to Import by the File menu or a drop.
import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';

export const useApplianceDialogsStore = defineStore('applianceDialogs', () => {
  const exportOpen = ref(false);
  const importOpen = ref(false);
  const libraryOpen = ref(false);
  /** A dropped file waiting for the Import wizard to take it. */
  const pendingFile = shallowRef<File | null>(null);
  /** The .mf dropped along with an .ovf. */
  const pendingManifest = shallowRef<File | null>(null);
  /** The Import wizard is uploading, checking or importing and cannot take another file now. */
  const importBusy = ref(false);

  const anyOpen = computed(() => exportOpen.value || importOpen.value || libraryOpen.value);

  function openExport(): void {
    exportOpen.value = true;
  }

  /** Opens the Import wizard, with `file` (and its manifest) when dropped. Returns false when an import is already running. */
  function openImport(file: File | null = null, manifest: File | null = null): boolean {
    if (file && importBusy.value) return false;
    if (file) {
      pendingFile.value = file;
      pendingManifest.value = manifest;
    }
    importOpen.value = true;
    return true;
  }

  function takePendingFile(): File | null {
    const file = pendingFile.value;
    pendingFile.value = null;
    return file;
  }

  function takePendingManifest(): File | null {
    const manifest = pendingManifest.value;
    pendingManifest.value = null;
    return manifest;
  }

  function openLibrary(): void {
    libraryOpen.value = true;
  }

  return { exportOpen, importOpen, libraryOpen, pendingFile, pendingManifest, importBusy, anyOpen, openExport, openImport, takePendingFile, takePendingManifest, openLibrary };
});
