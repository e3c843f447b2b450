// Table and field layout, and the size formats the human output uses.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatFields, formatMiB, formatTable } from './table.ts';
import type { Column } from './table.ts';

describe('formatTable', () => {
  const rows = [
    { name: 'a', n: 5 },
    { name: 'longer-name', n: 1234 },
  ];
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { header: 'NAME', value: (r) => r.name },
    { header: 'N', value: (r) => r.n, align: 'right' },
  ];

  it('pads columns to the widest cell, right-aligns numbers and trims line ends', () => {
    expect(formatTable(rows, columns, 'none')).toBe(['NAME            N', 'a               5', 'longer-name  1234'].join('\n'));
  });

  it('prints the empty text when there are no rows', () => {
    expect(formatTable([], columns, 'Nothing here.')).toBe('Nothing here.');
  });
});

describe('formatFields', () => {
  it('aligns the values after the longest label', () => {
    expect(formatFields([['Name', 'web'], ['Optical drive', 'empty']])).toBe('Name:           web\nOptical drive:  empty');
  });
});

describe('sizes', () => {
  it('shows whole GiB as GiB and the rest as MiB', () => {
    expect(formatMiB(2048)).toBe('2 GiB');
    expect(formatMiB(1536)).toBe('1536 MiB');
    expect(formatMiB(4)).toBe('4 MiB');
  });

  it('scales bytes to the largest unit with one decimal below 10', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MiB');
  });
});
