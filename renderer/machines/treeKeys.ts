// Where keys move the focus in the machine tree (rows, groups, page steps, parent and child), and type-ahead by name.
import type { ListRow } from './listRows.ts';

export const pageRows = 10;

/** The row a movement key goes to from `index`, or undefined when the key is not a movement. */
export function moveTarget(rows: readonly ListRow[], index: number, key: string): number | undefined {
  const last = rows.length - 1;
  if (last < 0) return undefined;
  const from = Math.min(Math.max(index, 0), last);
  switch (key) {
    case 'ArrowDown':
      return index < 0 ? 0 : Math.min(last, from + 1);
    case 'ArrowUp':
      return index < 0 ? 0 : Math.max(0, from - 1);
    case 'PageDown':
      return Math.min(last, from + pageRows);
    case 'PageUp':
      return Math.max(0, from - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

/** The group row a row sits in (for ArrowLeft), or undefined at the top level. */
export function parentIndex(rows: readonly ListRow[], index: number): number | undefined {
  const level = rows[index]?.level ?? 1;
  for (let i = index - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.type === 'group' && row.level < level) return i;
  }
  return undefined;
}

/** The next machine row after `from` (wrapping) whose name starts with `prefix`, case-insensitively. */
export function findByPrefix(rows: readonly ListRow[], from: number, prefix: string): number | undefined {
  const wanted = prefix.toLocaleLowerCase('en');
  for (let step = 1; step <= rows.length; step++) {
    const i = (from + step + rows.length) % rows.length;
    const row = rows[i]!;
    if (row.type === 'machine' && row.machine.name.toLocaleLowerCase('en').startsWith(wanted)) return i;
  }
  return undefined;
}
