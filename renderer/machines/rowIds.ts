// Element ids of the machine tree's rows (for aria-activedescendant); group paths may hold spaces, which ids cannot.
import type { ListRow } from './listRows.ts';

export const machineRowId = (id: string): string => `machine-row-${id}`;
export const groupRowId = (path: string): string => `group-row-${encodeURIComponent(path)}`;
export const rowElementId = (row: ListRow): string => (row.type === 'machine' ? machineRowId(row.machine.id) : groupRowId(row.path));
