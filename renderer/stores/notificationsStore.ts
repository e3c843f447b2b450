// Messages about operations: a snackbar for the latest, and a notification center that keeps every result until dismissed.
import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { AppError } from '../../shared/errors.ts';

export interface Toast {
  id: number;
  text: string;
  tone: 'error' | 'info';
}

export type NoticeTone = 'success' | 'error' | 'warning' | 'info';

/** One line of a result: a machine and what happened to it. */
export interface NoticeItem {
  name: string;
  ok: boolean;
  detail?: string;
}

/** An entry of the notification center: a finished or failed operation and its result. */
export interface Notice {
  id: number;
  title: string;
  tone: NoticeTone;
  /** Wall-clock time it was recorded (ms since the epoch). */
  at: number;
  detail?: string;
  /** Per-machine results of a bulk operation, failures first. */
  items?: NoticeItem[];
  read: boolean;
}

export type NoticeInput = Pick<Notice, 'title' | 'tone'> & Partial<Pick<Notice, 'detail' | 'items'>>;

export function describeError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'Something went wrong inside Virtlab; the operation was not carried out.';
}

const storageKey = 'virtlab.notifications';
const keptNotices = 100;
/** Results listed per notice; the rest are counted. */
export const keptItems = 200;

function loadSaved(): Notice[] {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed.filter((n) => typeof n === 'object' && n !== null && typeof (n as Notice).title === 'string') as Notice[]) : [];
  } catch {
    return [];
  }
}

export const useNotificationsStore = defineStore('notifications', () => {
  const current = ref<Toast | null>(null);
  /** Newest first. */
  const notices = shallowRef<Notice[]>(loadSaved());
  let nextId = Math.max(0, ...notices.value.map((n) => n.id)) + 1;
  const unread = computed(() => notices.value.filter((n) => !n.read).length);

  function save(): void {
    try {
      globalThis.localStorage?.setItem(storageKey, JSON.stringify(notices.value));
    } catch {
      // Private mode or a full quota: the center still works for this session.
    }
  }

  /** Keeps an operation's result in the center (and shows nothing else). */
  function record(input: NoticeInput): Notice {
    const notice: Notice = { ...input, id: nextId++, at: Date.now(), read: false };
    if (notice.items && notice.items.length > keptItems) {
      const extra = notice.items.length - keptItems;
      notice.items = notice.items.slice(0, keptItems);
      notice.detail = `${notice.detail ? `${notice.detail} ` : ''}(${extra} more not listed)`;
    }
    notices.value = [notice, ...notices.value].slice(0, keptNotices);
    save();
    return notice;
  }

  /** A snackbar message; errors and results are kept in the center too. */
  function show(text: string, tone: Toast['tone'] = 'info'): void {
    current.value = { id: nextId++, text, tone };
    record({ title: text, tone: tone === 'error' ? 'error' : 'success' });
  }

  /** `what` names the failed operation, e.g. 'Could not start "web-01"'. */
  function showError(what: string, error: unknown): void {
    show(`${what}: ${describeError(error)}`, 'error');
  }

  function dismiss(): void {
    current.value = null;
  }

  function dismissNotice(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
    save();
  }

  function dismissAll(): void {
    notices.value = [];
    save();
  }

  function markAllRead(): void {
    if (notices.value.every((n) => n.read)) return;
    notices.value = notices.value.map((n) => ({ ...n, read: true }));
    save();
  }

  return { current, notices, unread, show, showError, record, dismiss, dismissNotice, dismissAll, markAllRead };
});
