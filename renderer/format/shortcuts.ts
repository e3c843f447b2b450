// Turns a shortcut as people read it ("Ctrl+Shift+P", "Del") into Vuetify's useHotkey syntax ("ctrl+shift+p", "delete").
export function pageHotkey(keys: string): string {
  return keys
    .split('+')
    .map((key) => (key === 'Del' ? 'delete' : key.toLowerCase()))
    .join('+');
}
