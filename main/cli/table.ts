// Plain-text tables and key/value blocks for human output: padded columns, numbers right-aligned.
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | number;
  readonly align?: 'left' | 'right';
}

/** Columns separated by two spaces; trailing spaces trimmed; `empty` when there are no rows. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], empty: string): string {
  if (rows.length === 0) return empty;
  const cells = rows.map((row) => columns.map((column) => String(column.value(row))));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => line[index]!.length)));
  const render = (line: readonly string[]): string =>
    line
      .map((cell, index) => (columns[index]!.align === 'right' ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.header)), ...cells.map(render)].join('\n');
}

/** `Label:   value` lines with the values aligned, as VBoxManage showvminfo prints them. */
export function formatFields(fields: readonly (readonly [string, string | number])[]): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length + 1));
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join('\n');
}

/** 2048 → "2 GiB", 1536 → "1536 MiB". */
export function formatMiB(mib: number): string {
  return mib >= 1024 && mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

/** File sizes: 512 → "512 B", 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
