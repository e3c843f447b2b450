// The engine's explained fit verdict for the spec being typed in the wizard: debounced, and only the latest answer counts.
import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { FitCheckInput } from '../../shared/domain/machine.ts';
import type { FitVerdict } from '../../shared/domain/fitCheck.ts';
import { useApi } from '../api/apiInstance.ts';
import { describeError } from './notificationsStore.ts';

/** Long enough that typing "1024" asks once, short enough to feel live. */
export const fitCheckDelayMs = 250;

export const useFitCheckStore = defineStore('fitCheck', () => {
  /** Last answer received, and the input it answers (as a key), so views know whether it is current. */
  const verdict = shallowRef<FitVerdict | null>(null);
  const verdictKey = ref<string | null>(null);
  /** Key of the input the wizard shows now; null while the form is not complete enough to ask. */
  const wantedKey = ref<string | null>(null);
  const pending = ref(false);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let lastInput: FitCheckInput | null = null;

  async function ask(input: FitCheckInput, key: string, ticket: number): Promise<void> {
    try {
      const answer = await useApi().checkFit(input);
      if (ticket !== sequence) return;
      verdict.value = answer;
      verdictKey.value = key;
      error.value = null;
    } catch (failure) {
      if (ticket !== sequence) return;
      error.value = describeError(failure);
    } finally {
      if (ticket === sequence) pending.value = false;
    }
  }

  /** Asks for a verdict on `input` after the debounce delay; a newer request supersedes any pending one. */
  function request(input: FitCheckInput | null, force = false): void {
    lastInput = input;
    clearTimeout(timer);
    sequence += 1;
    const ticket = sequence;
    if (input === null) {
      wantedKey.value = null;
      pending.value = false;
      return;
    }
    const key = JSON.stringify(input);
    wantedKey.value = key;
    if (!force && key === verdictKey.value && error.value === null) {
      pending.value = false;
      return;
    }
    pending.value = true;
    timer = setTimeout(() => void ask(input, key, ticket), fitCheckDelayMs);
  }

  /** Asks again for the current input: what is free changed (machines started, stopped, created or deleted). */
  function refresh(): void {
    if (lastInput !== null) request(lastInput, true);
  }

  /** Forgets everything, e.g. when the wizard opens again. */
  function reset(): void {
    clearTimeout(timer);
    sequence += 1;
    lastInput = null;
    verdict.value = null;
    verdictKey.value = null;
    wantedKey.value = null;
    pending.value = false;
    error.value = null;
  }

  return { verdict, verdictKey, wantedKey, pending, error, request, refresh, reset };
});
