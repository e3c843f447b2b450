// Transient messages for failed operations (e.g. INVALID_STATE), shown one at a time in a snackbar.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import { AppError } from '../../shared/errors.ts';

export interface Toast {
  id: number;
  text: string;
  tone: 'error' | 'info';
}

export function describeError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'Something went wrong inside Virtlab; the operation was not carried out.';
}

export const useNotificationsStore = defineStore('notifications', () => {
  const current = ref<Toast | null>(null);
  let nextId = 1;

  function show(text: string, tone: Toast['tone'] = 'info'): void {
    current.value = { id: nextId++, text, tone };
  }

  /** `what` names the failed operation, e.g. 'Could not start "web-01"'. */
  function showError(what: string, error: unknown): void {
    show(`${what}: ${describeError(error)}`, 'error');
  }

  function dismiss(): void {
    current.value = null;
  }

  return { current, show, showError, dismiss };
});
