// ESLint flat config: TypeScript and Vue rules, globals per layer, and the layer import zones of .dependency-cruiser.cjs.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

const sourceExtensions = '{ts,mts,cts,js,mjs,cjs,vue}';
/** Deepest folder level the zones are generated for; layers are kept far shallower than this. */
const maxDepth = 10;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const builtins = builtinModules.filter((name) => !name.startsWith('_')).map(escape);

/** Import patterns every zone may need, named after the dependency-cruiser rule they mirror. */
const forbid = {
  electron: { regex: '^electron(/|$)', message: 'Electron is only for main/electron and main/preload (core-no-electron, renderer-no-electron, main-node-no-electron).' },
  ui: {
    regex: '^(vue|pinia|vuetify|chart\\.js|happy-dom|vite-plugin-vuetify|@vue/|@mdi/)',
    message: 'engine/ and shared/ know nothing of Vue, Pinia, Vuetify, Chart.js or the DOM (core-no-ui).',
  },
  node: { regex: `^(node:|(${builtins.join('|')})(/|$))`, message: 'Node builtins are not available here (shared-no-node, renderer-no-node).' },
  workerThreads: { regex: '^(node:)?worker_threads$', message: 'Only engine/worker.ts touches worker_threads (engine-worker-threads-only-in-worker).' },
};

/** Pattern for a relative import that climbs `depth` levels to the repo root and enters one of `folders`. */
const intoRoot = (depth, folders, message) => ({ regex: `^(\\./)?(\\.\\./){${depth}}(${folders.join('|')})(/|$)`, message });

/** Anything but electron, own files (./, or ../ that stays inside main/preload) and the climb into shared/. */
function preloadForbidden(depth) {
  const allowed = ['electron$', '\\./', `(\\.\\./){${depth}}shared/`];
  if (depth > 2) allowed.push(`(\\.\\./){1,${depth - 2}}(?!\\.\\./)`);
  return `^(?!${allowed.join('|')})`;
}

/**
 * Layer zones. `restrict(depth)` returns the forbidden patterns for a file whose folder is `depth` levels below
 * the repo root, so relative imports are judged by where they land, not by folder names that merely look alike.
 */
const zones = [
  {
    dir: 'shared',
    restrict: (d) => [
      forbid.electron,
      forbid.ui,
      forbid.node,
      intoRoot(d, ['main', 'renderer'], 'shared/ never reaches up into main/ or renderer/ (core-no-app-layers).'),
      intoRoot(d, ['engine'], 'shared/ is below engine/ (shared-no-engine).'),
    ],
  },
  {
    dir: 'engine',
    ignores: ['engine/worker.ts', 'engine/worker.test.ts'],
    restrict: (d) => [forbid.electron, forbid.ui, forbid.workerThreads, intoRoot(d, ['main', 'renderer'], 'engine/ never reaches up into main/ or renderer/ (core-no-app-layers).')],
  },
  {
    dir: 'engine',
    only: ['engine/worker.ts', 'engine/worker.test.ts'],
    restrict: (d) => [forbid.electron, forbid.ui, intoRoot(d, ['main', 'renderer'], 'engine/ never reaches up into main/ or renderer/ (core-no-app-layers).')],
  },
  {
    dir: 'renderer',
    restrict: (d) => [forbid.electron, forbid.node, intoRoot(d, ['main', 'engine'], 'The renderer uses shared/ and its own files only (renderer-no-backend).')],
  },
  {
    dir: 'main/node',
    restrict: (d) => [forbid.electron, intoRoot(d, ['renderer'], 'main/ never imports renderer code (main-no-renderer).')],
  },
  {
    dir: 'main/electron',
    restrict: (d) => [intoRoot(d, ['renderer'], 'main/ never imports renderer code (main-no-renderer).')],
  },
  {
    dir: 'main/preload',
    ignores: ['main/preload/**/*.test.ts'],
    restrict: (d) => [{ regex: preloadForbidden(d), message: 'The preload imports only electron and shared/ (preload-only-electron-and-shared).' }],
  },
];

/** One config object per folder depth, because relative imports reach the root with a depth-specific `../` count. */
function zoneConfigs(zone) {
  const base = zone.dir.split('/').length;
  const configs = [];
  for (let depth = base; depth <= maxDepth; depth += 1) {
    const files = zone.only
      ? zone.only.filter((file) => file.split('/').length - 1 === depth)
      : [`${zone.dir}/${'*/'.repeat(depth - base)}*.${sourceExtensions}`];
    if (files.length === 0) continue;
    configs.push({
      name: `virtlab/zone/${zone.dir}${zone.only ? '/worker' : ''}/depth-${depth}`,
      files,
      ...(zone.ignores ? { ignores: zone.ignores } : {}),
      rules: { 'no-restricted-imports': ['error', { patterns: zone.restrict(depth) }] },
    });
  }
  return configs;
}

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/release/',
    '**/.tsbuild*/',
    '**/test-results/',
    '**/playwright-report/',
    'bench/results/',
    '**/.virtlab-test/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  // Layout is a formatter's job; warnings about attribute wrapping would drown the rules that find bugs.
  { name: 'vue/no-layout-rules', files: ['**/*.vue'], ...pluginVue.configs['no-layout-rules'] },
  {
    name: 'virtlab/vue-typescript',
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    // TypeScript (vue-tsc) already reports undefined names, with types; the JS rule cannot see them.
    rules: { 'no-undef': 'off' },
  },
  {
    name: 'virtlab/typescript',
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  { name: 'virtlab/globals/core', files: ['shared/**', 'engine/**'], languageOptions: { globals: { ...globals.es2021 } } },
  { name: 'virtlab/globals/worker', files: ['engine/worker.ts', 'engine/worker.test.ts'], languageOptions: { globals: { ...globals.node } } },
  { name: 'virtlab/globals/renderer', files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    name: 'virtlab/globals/node',
    files: ['main/**', 'e2e/**', '.ci/**', 'bench/**', 'packaging/**', '*.{js,ts,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  { name: 'virtlab/globals/preload', files: ['main/preload/**'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  { name: 'virtlab/commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.commonjs } } },
  {
    name: 'virtlab/commonjs-require',
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'virtlab/sim-internals',
    files: ['engine/**', 'main/**', 'renderer/**', 'shared/**'],
    ignores: ['engine/sim/**', '**/*.test.ts', '**/test/**', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='internals']",
          message: 'SimWorld.internals is for the core, tests and benches; ask SimWorld for a view or add a query (sim-core-behind-one-interface).',
        },
      ],
    },
  },
  zones.flatMap(zoneConfigs),
]);
