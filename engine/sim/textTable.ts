// Aligned plain-text tables for summaries: text columns left, numbers right, a rule under the headers.

/** Left-aligns the first `textColumns` columns and right-aligns the numbers after them. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], textColumns = 3): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c < textColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
