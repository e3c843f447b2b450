// The machine library's health for the views: its folder, files that could not be loaded, a failed save and what waits for it.
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { LibraryStatus } from '../../shared/domain/library.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';

export const useLibraryStore = defineStore('library', () => {
  const status = ref<LibraryStatus | null>(null);
  /** The problems banner was closed for this set of problems; a new problem shows it again. */
  const dismissedProblemsKey = ref<string | null>(null);
  let unsubscribe: Unsubscribe | null = null;

  const problems = computed(() => status.value?.problems ?? []);
  const problemsKey = computed(() => problems.value.map((p) => `${p.file}\n${p.reason}`).join('\n\n'));
  const showProblemsBanner = computed(() => problems.value.length > 0 && dismissedProblemsKey.value !== problemsKey.value);
  const saveError = computed(() => status.value?.saveError ?? null);
  /** Changes confirmed in memory whose documents are not on disk yet (a failed save being retried). */
  const unsavedChanges = computed(() => status.value?.unsavedChanges ?? 0);

  function apply(next: LibraryStatus): void {
    status.value = next;
  }

  async function load(): Promise<void> {
    try {
      apply(await useApi().getLibraryStatus({}));
    } catch {
      // A backend without a library (or an older one) simply shows no library information.
      status.value = null;
    }
  }

  function dismissProblems(): void {
    dismissedProblemsKey.value = problemsKey.value;
  }

  function attach(): void {
    unsubscribe?.();
    unsubscribe = useApi().on('libraryStatus', apply);
  }

  return { status, problems, showProblemsBanner, saveError, unsavedChanges, load, apply, dismissProblems, attach };
});
