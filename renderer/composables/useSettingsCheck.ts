// Settings dialog: asks the engine, as the user types, whether Save would be refused (checkSettings), so the same rules answer.
import { onBeforeUnmount, ref, watch } from 'vue';
import type { Ref } from 'vue';
import type { SettingsPatch } from '../../shared/domain/machineConfig.ts';
import { useApi } from '../api/apiInstance.ts';
import { fitCheckDelayMs } from '../stores/fitCheckStore.ts';
import type { SettingsErrors } from './settingsForm.ts';

/** The dialog's error key for a field the engine names ("optical" is shown on the ISO field; "patch." is the contract's prefix). */
export function settingsErrorKey(field: string | undefined): string {
  const bare = field?.replace(/^patch\./, '');
  if (!bare) return 'form';
  return bare === 'optical' || bare.startsWith('optical.') ? 'isoImage' : bare;
}

/**
 * `patch` is the schema-valid patch of changed fields (null while the form is wrong or unchanged); `context` changes when
 * the answer may (the machine's state). Debounced like the wizard's fit check; only the newest answer counts.
 */
export function useSettingsCheck(machineId: Ref<string | null>, patch: Ref<SettingsPatch | null>, context: Ref<unknown>) {
  const errors = ref<SettingsErrors>({});
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;

  async function ask(id: string, wanted: SettingsPatch, mine: number): Promise<void> {
    try {
      const { problem } = await useApi().checkSettings({ id, patch: wanted });
      if (mine !== ticket) return;
      errors.value = problem ? { [settingsErrorKey(problem.field)]: problem.message } : {};
    } catch {
      // No answer (the connection dropped, the machine went): Save still asks the engine and reports what it says.
      if (mine === ticket) errors.value = {};
    }
  }

  watch(
    [machineId, () => JSON.stringify(patch.value), context],
    () => {
      clearTimeout(timer);
      ticket += 1;
      const id = machineId.value;
      const wanted = patch.value;
      errors.value = {};
      if (id === null || wanted === null || Object.keys(wanted).length === 0) return;
      const mine = ticket;
      timer = setTimeout(() => void ask(id, wanted, mine), fitCheckDelayMs);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));

  return { errors };
}
