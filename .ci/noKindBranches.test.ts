// Outside engine/kinds, no code branches on a kind of virtualization's name: a new kind is one module plus its registration.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindBranches } from './kindBranches.ts';

const root = path.resolve(import.meta.dirname, '..');
/** Where code lives; the kind modules themselves, tests, test doubles, fixtures and data declarations are exempt. */
const scanned = ['engine', 'main', 'renderer', 'shared'];
const exempt = [/^engine\/kinds\//, /\.test\.ts$/, /\/test\//, /\/testing\//, /\/\.tsbuild\//, /node_modules/, /^engine\/sim\/testWorlds\.ts$/];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir))) {
    const relative = `${dir}/${entry}`;
    if (exempt.some((pattern) => pattern.test(`${relative}/`) || pattern.test(relative))) continue;
    const full = path.join(root, relative);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(relative));
    else if (/\.(ts|vue)$/.test(entry)) out.push(relative);
  }
  return out;
}

describe('kinds as modules', () => {
  it('finds comparisons, case labels, membership tests and per-kind tables', () => {
    expect(kindBranches(`if (platform.kind === 'type0') x();`)).toEqual([`=== 'type0'`]);
    expect(kindBranches(`switch (k) { case 'emulator': return 1; }`)).toEqual([`case 'emulator':`]);
    expect(kindBranches(`if (['a'].includes('containers')) y();`)).toEqual([`.includes('containers')`]);
    expect(kindBranches(`const t = {\n  type0: 1,\n  type1: 2,\n  paravirt: 3,\n};`)).toEqual(['a table keyed by kind (type0, type1, paravirt)']);
    // Declaring a platform of a kind is data, not a branch.
    expect(kindBranches(`const p = { id: 'esx', kind: 'type1' };`)).toEqual([]);
  });

  it('has no branch on a kind name outside engine/kinds', () => {
    const files = scanned.flatMap((dir) => sourceFiles(dir));
    // The scan reaches the facade, the core, the backend and the renderer's components.
    expect(files).toEqual(expect.arrayContaining(['engine/engine.ts', 'engine/sim/worldStep.ts', 'main/node/backendService.ts', 'renderer/components/NewMachineWizard.vue']));
    const offenders = files.flatMap((file) => kindBranches(readFileSync(path.join(root, file), 'utf8')).map((branch) => `${file}: ${branch}`));
    expect(offenders).toEqual([]);
  });
});
