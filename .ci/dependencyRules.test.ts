// Proves the layer rules bite: dependency-cruiser and ESLint, with the real configs, flag forbidden imports in fixture trees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { ESLint } from 'eslint';

const repoRoot = resolve(import.meta.dirname, '..');
const layers = ['engine', 'shared', 'main', 'renderer'];

/** Files that break one rule each, keyed by path, with the dependency-cruiser rule each must trip. */
const badFiles: Record<string, { source: string; rule: string; to: string }> = {
  'engine/bad.ts': { source: "import { app } from 'electron';\nexport const a = app;\n", rule: 'core-no-electron', to: 'node_modules/electron/index.js' },
  'renderer/bad.ts': { source: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", rule: 'renderer-no-node', to: 'fs' },
  'main/node/bad.ts': { source: "import { app } from 'electron';\nexport const a = app;\n", rule: 'main-node-no-electron', to: 'node_modules/electron/index.js' },
  'shared/bad.ts': { source: "import { x } from '../main/node/x.ts';\nexport const y = x;\n", rule: 'core-no-app-layers', to: 'main/node/x.ts' },
  'engine/sim.ts': {
    source: "import { Worker } from 'node:worker_threads';\nexport const w = Worker;\n",
    rule: 'engine-worker-threads-only-in-worker',
    to: 'worker_threads',
  },
};

/** A tree that follows every rule, including the allowed exceptions. */
const cleanFiles: Record<string, string> = {
  'shared/contract.ts': 'export const version = 1;\n',
  'engine/sim.ts': "import { version } from '../shared/contract.ts';\nexport const sim = version;\n",
  'engine/worker.ts': "import { parentPort } from 'node:worker_threads';\nimport { sim } from './sim.ts';\nparentPort?.postMessage(sim);\n",
  'main/node/x.ts': "import { readFileSync } from 'node:fs';\nimport { sim } from '../../engine/sim.ts';\nexport const x = [readFileSync, sim];\n",
  'main/electron/app.ts': "import { app } from 'electron';\nimport { x } from '../node/x.ts';\nexport const a = [app, x];\n",
  'main/preload/preload.ts': "import { contextBridge } from 'electron';\nimport { version } from '../../shared/contract.ts';\ncontextBridge.exposeInMainWorld('virtlab', { version });\n",
  'renderer/app.ts': "import { version } from '../shared/contract.ts';\nexport const shown = version;\n",
};

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), source);
  }
  // Packages resolve as in the real project (electron, zod, ...).
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
}

async function cruiseTree(root: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(join(repoRoot, '.dependency-cruiser.cjs'));
  const present = layers.filter((layer) => existsSync(join(root, layer)));
  // preserveSymlinks keeps packages under the fixture's node_modules link, as they appear in the real tree.
  const result = await cruise(present, { ...options, baseDir: root, preserveSymlinks: true, outputType: 'json' });
  return typeof result.output === 'string' ? (JSON.parse(result.output) as ICruiseResult) : result.output;
}

describe('dependency-cruiser layer rules', () => {
  let badRoot = '';
  let cleanRoot = '';
  beforeAll(() => {
    badRoot = mkdtempSync(join(tmpdir(), 'virtlab-depcruise-bad-'));
    cleanRoot = mkdtempSync(join(tmpdir(), 'virtlab-depcruise-clean-'));
    writeTree(badRoot, { ...Object.fromEntries(Object.entries(badFiles).map(([file, bad]) => [file, bad.source])), 'main/node/x.ts': 'export const x = 1;\n' });
    writeTree(cleanRoot, cleanFiles);
  });
  afterAll(() => {
    rmSync(badRoot, { recursive: true, force: true });
    rmSync(cleanRoot, { recursive: true, force: true });
  });

  it('reports each forbidden import under the rule it breaks', async () => {
    const result = await cruiseTree(badRoot);
    const found = result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
    for (const [file, bad] of Object.entries(badFiles)) {
      expect(found).toContain(`${bad.rule}: ${file} → ${bad.to}`);
    }
    expect(result.summary.violations.every((violation) => violation.rule.severity === 'error')).toBe(true);
    expect(result.summary.error).toBeGreaterThanOrEqual(Object.keys(badFiles).length);
  });

  it('passes a tree that follows the rules', async () => {
    const result = await cruiseTree(cleanRoot);
    expect(result.summary.violations).toEqual([]);
    expect(result.summary.totalCruised).toBeGreaterThanOrEqual(Object.keys(cleanFiles).length);
  });
});

describe('dependency-cruiser core rules', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'virtlab-depcruise-core-'));
    writeTree(root, {
      // A cycle made of type-only imports still tangles two concepts together.
      'engine/left.ts': "import type { Right } from './right.ts';\nexport interface Left { right?: Right }\n",
      'engine/right.ts': "import type { Left } from './left.ts';\nexport interface Right { left?: Left }\n",
      // Operations code reaching past SimWorld into the core's arrays.
      'engine/operations.ts': "import { WorldState } from './sim/worldState.ts';\nimport { SimWorld } from './sim/world.ts';\nexport const o = [WorldState, SimWorld];\n",
      'engine/sim/worldState.ts': 'export class WorldState {}\n',
      'engine/sim/world.ts': "import { WorldState } from './worldState.ts';\nexport class SimWorld { state = new WorldState(); }\n",
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('counts type-only cycles and keeps the core behind SimWorld', async () => {
    const result = await cruiseTree(root);
    const found = result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
    expect(found).toContain('no-circular: engine/left.ts → engine/right.ts');
    expect(found).toContain('sim-core-behind-one-interface: engine/operations.ts → engine/sim/worldState.ts');
    // The world interface itself is the allowed door, and the core may use its own files.
    expect(found.filter((line) => line.includes('→ engine/sim/world.ts') || line.startsWith('sim-core-behind-one-interface: engine/sim/'))).toEqual([]);
  });
});

describe('ESLint layer zones', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const restricted = async (file: string, source: string): Promise<string[]> => {
    const [result] = await eslint.lintText(source, { filePath: join(repoRoot, file) });
    return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
  };

  it.each(Object.entries(badFiles))('flags the forbidden import in %s', async (file, bad) => {
    const messages = await restricted(file, bad.source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(bad.rule);
  });

  it('judges relative imports by where they land, not by look-alike folder names', async () => {
    expect(await restricted('renderer/components/engine/engineBadge.ts', "import { a } from '../engine/a.ts';\nexport const b = a;\n")).toEqual([]);
    expect(await restricted('renderer/components/engine/engineBadge.ts', "import { a } from '../../../engine/a.ts';\nexport const b = a;\n")).toHaveLength(1);
  });

  it('lets the preload import only electron and shared/', async () => {
    const source = [
      "import { contextBridge } from 'electron';",
      "import { ok } from '../../shared/api/result.ts';",
      "import { z } from 'zod';",
      "import { host } from '../node/host.ts';",
      'export const all = [contextBridge, ok, z, host];',
      '',
    ].join('\n');
    const messages = await restricted('main/preload/preload.ts', source);
    expect(messages.map((message) => message.split("'")[1])).toEqual(['zod', '../node/host.ts']);
  });

  it('keeps SimWorld.internals to the core, tests and benches', async () => {
    const source = "import type { SimWorld } from './sim/world.ts';\nexport const peek = (world: SimWorld) => world.internals;\n";
    const [outside] = await eslint.lintText(source, { filePath: join(repoRoot, 'engine/peek.ts') });
    expect(outside?.messages.map((message) => message.ruleId)).toEqual(['no-restricted-syntax']);
    const [inside] = await eslint.lintText(source.replace('./sim/world.ts', './world.ts'), { filePath: join(repoRoot, 'engine/sim/peek.ts') });
    expect(inside?.messages).toEqual([]);
  });

  it('allows worker_threads in engine/worker.ts only', async () => {
    const source = "import { parentPort } from 'node:worker_threads';\nexport const port = parentPort;\n";
    expect(await restricted('engine/worker.ts', source)).toEqual([]);
    expect(await restricted('engine/clock.ts', source)).toHaveLength(1);
  });
});
