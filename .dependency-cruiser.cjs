// Layer rules for dependency-cruiser: which folder may depend on which (DESIGN.md §1); every rule fails the build.

/** Matches an npm package whether it resolved into node_modules or, uninstalled, stayed a bare name. */
const npm = (names) => `(^|/)node_modules/(${names})(/|$)|^(${names})(/|$)`;

const electron = npm('electron');
/** Packages that need Vue, a DOM or a browser; Node-only layers must not pull them in. */
const uiPackages = npm('vue|@vue/[^/]+|pinia|vuetify|chart\\.js|@mdi/[^/]+|happy-dom|vite-plugin-vuetify');
const workerThreads = '^(node:)?worker_threads$';
/** Builtins shared/ must not use even when spelled without `node:`. */
const nodeModules = '^(node:)?(fs|fs/promises|path|worker_threads|child_process|os|net|http|https|crypto|stream|url|util)$';

/** The simulation core's public surface: the world interface, its value types, catalogues and the scenario runner. */
const simPublicFiles = ['world', 'types', 'catalogue', 'clock', 'mixedWorld', 'runScenario', 'scenarioSchema', 'formatSummary', 'formatMs'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order fragile and tangle concepts; type-only cycles count too.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'sim-core-behind-one-interface',
      severity: 'error',
      comment:
        'Outside engine/sim, code reaches the simulation core through engine/sim/world.ts (SimWorld) and its public types only; the arrays and records behind it are the core\'s own.',
      from: { path: '^(engine|main|bench)/', pathNot: ['^engine/sim/', '\\.test\\.ts$'] },
      to: { path: '^engine/sim/', pathNot: `^engine/sim/(${simPublicFiles.join('|')})\\.ts$` },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import must resolve to a file or an installed package.',
      from: { path: '^(engine|shared|main|renderer|e2e)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'core-no-electron',
      severity: 'error',
      comment: 'engine/ and shared/ run in a worker, in Node and in the browser: no Electron.',
      from: { path: '^(engine|shared)/' },
      to: { path: electron },
    },
    {
      name: 'core-no-ui',
      severity: 'error',
      comment: 'engine/ and shared/ know nothing of Vue, Pinia, Vuetify, Chart.js or the DOM.',
      from: { path: '^(engine|shared)/' },
      to: { path: uiPackages },
    },
    {
      name: 'core-no-app-layers',
      severity: 'error',
      comment: 'engine/ and shared/ sit below main/ and renderer/ and never reach up into them.',
      from: { path: '^(engine|shared)/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      comment: 'shared/ is the contract and must load in the browser: no Node builtins.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-node-modules',
      severity: 'error',
      comment: 'shared/ never touches the file system, paths or threads, however they are spelled.',
      from: { path: '^shared/' },
      to: { path: nodeModules },
    },
    {
      name: 'shared-no-engine',
      severity: 'error',
      comment: 'shared/ is below engine/; the engine depends on the contract, not the other way round.',
      from: { path: '^shared/' },
      to: { path: '^engine/' },
    },
    {
      name: 'engine-worker-threads-only-in-worker',
      severity: 'error',
      comment: 'engine/worker.ts is the single entry that touches worker_threads; the rest stays pure.',
      from: { path: '^engine/', pathNot: '^engine/worker(\\.test)?\\.ts$' },
      to: { path: workerThreads },
    },
    {
      name: 'renderer-no-electron',
      severity: 'error',
      comment: 'The renderer reaches the backend only through renderer/api (preload bridge or WebSocket).',
      from: { path: '^renderer/' },
      to: { path: electron },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'The renderer runs sandboxed in a browser: no Node builtins.',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-backend',
      severity: 'error',
      comment: 'The renderer may use shared/ and its own files only, never main/ or engine/.',
      from: { path: '^renderer/' },
      to: { path: '^(main|engine)/' },
    },
    {
      name: 'main-node-no-electron',
      severity: 'error',
      comment: 'main/node also runs as the web-mode server where Electron does not exist.',
      from: { path: '^main/node/' },
      to: { path: electron },
    },
    {
      name: 'main-no-renderer',
      severity: 'error',
      comment: 'main/ talks to the renderer through the contract, never by importing its code.',
      from: { path: '^main/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'preload-only-electron-and-shared',
      severity: 'error',
      comment: 'The sandboxed preload may import electron, shared/ and its own files, nothing else.',
      from: { path: '^main/preload/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: [electron, '^shared/', '^main/preload/'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['(^|/)(dist|release|\\.tsbuild[^/]*|test-results|playwright-report|\\.virtlab-test)/'] },
    // Type-only imports count too: a layer must not even know another layer's types.
    tsPreCompilationDeps: true,
    detectProcessBuiltinModuleCalls: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.vue', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
