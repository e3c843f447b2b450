// Light/dark choice: follows the OS until the user toggles, and remembers an explicit choice.
import { computed } from 'vue';
import { useTheme } from 'vuetify';

export type ThemePreference = 'system' | 'light' | 'dark';
const storageKey = 'virtlab.theme';

export function loadThemePreference(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ThemePreference {
  try {
    const saved = storage?.getItem(storageKey);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

export function useThemePreference() {
  const theme = useTheme();
  const isDark = computed(() => theme.current.value.dark);

  function toggle(): void {
    const next = isDark.value ? 'light' : 'dark';
    void theme.change(next);
    try {
      globalThis.localStorage?.setItem(storageKey, next);
    } catch {
      // Storage can be unavailable (private mode); the choice then lasts for this window only.
    }
  }

  return { isDark, isSystem: theme.isSystem, toggle };
}
