// Finds code that branches on a kind of virtualization by name: comparisons, case labels and per-kind tables.
import { platformKinds } from '../shared/domain/virtualization.ts';

const names = platformKinds.join('|');
const comparison = new RegExp(`(?:===|!==)\\s*['"](${names})['"]|['"](${names})['"]\\s*(?:===|!==)`, 'g');
const caseLabel = new RegExp(`\\bcase\\s+['"](${names})['"]\\s*:`, 'g');
const membership = new RegExp(`\\.(?:includes|has|indexOf)\\(\\s*['"](${names})['"]\\s*\\)`, 'g');
const tableKey = new RegExp(`^\\s*['"]?(${names})['"]?\\s*:`, 'gm');

/** Every place in `source` that decides something by a kind's name; a table with three or more kind keys counts once. */
export function kindBranches(source: string): string[] {
  const found: string[] = [];
  for (const pattern of [comparison, caseLabel, membership]) for (const match of source.matchAll(pattern)) found.push(match[0].trim());
  const keys = new Set([...source.matchAll(tableKey)].map((match) => match[1]));
  if (keys.size >= 3) found.push(`a table keyed by kind (${[...keys].join(', ')})`);
  return found;
}
