// Systematic generator of malformed `params` payloads (as raw JSON text) for the WebSocket fuzz test.
import { apiMethods } from '../../../shared/api/methods.ts';
import type { MethodName } from '../../../shared/api/methods.ts';

const uuid = '3f1c2b7e-8a4d-4e6f-9b0a-1c2d3e4f5a6b';

/** A valid params object per method; every payload is a mutation of it (or junk in its place). */
export const validParams: Record<MethodName, Record<string, unknown>> = {
  getAppInfo: {},
  getEngineStatus: {},
  listOsTypes: {},
  listHosts: {},
  listMachines: {},
  getMachine: { id: uuid },
  createMachine: { name: 'fuzz-ok', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8 },
  checkFit: { name: 'fuzz-ok', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8, platformId: 'esx-atlas', hostId: 'host-1', workload: 'web' },
  getMachineMetrics: { id: uuid },
  listEvents: { machineId: uuid, hostId: 'host-1', limit: 10 },
  startMachine: { id: uuid },
  pauseMachine: { id: uuid },
  resumeMachine: { id: uuid },
  stopMachine: { id: uuid },
  powerOffMachine: { id: uuid },
  resetMachine: { id: uuid },
  saveMachineState: { id: uuid },
  discardSavedState: { id: uuid },
  deleteMachine: { id: uuid, mode: 'removeOnly' },
  planRemoval: { id: uuid },
  getMachineConfig: { id: uuid },
  getSettingsRules: { id: uuid },
  checkSettings: { id: uuid, patch: { memoryMiB: 2048 } },
  updateSettings: {
    id: uuid,
    patch: { name: 'fuzz-renamed', vcpus: 2, memoryMiB: 1024, diskGiB: 16, nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.40' }], optical: { kind: 'iso', image: 'debian.iso' } },
  },
  listSnapshots: { id: uuid },
  takeSnapshot: { id: uuid, spec: { name: 'before upgrade', description: 'fuzz', withMemory: false } },
  restoreSnapshot: { id: uuid, snapshotId: uuid },
  deleteSnapshot: { id: uuid, snapshotId: uuid },
  cloneMachine: { id: uuid, options: { name: 'fuzz-clone', mode: 'linked', states: 'currentState', macPolicy: 'generateNew', ip: { mode: 'static', address: '10.0.2.41' } } },
  listStorage: {},
  listNetworks: {},
  createNetwork: { name: 'fuzz-net', attachment: 'nat', hostId: 'host-1', subnet: '10.77.0.0/24', gateway: '10.77.0.1', dhcpServer: '10.77.0.2', dhcpFirst: '10.77.0.10', dhcpLast: '10.77.0.20' },
  updateNetwork: { networkId: 'intnet', spec: { name: 'fuzz-int', attachment: 'internal', subnet: '10.10.0.0/24', gateway: '10.10.0.1', dhcpServer: '10.10.0.2', dhcpFirst: '10.10.0.10', dhcpLast: '10.10.0.250' } },
  deleteNetwork: { networkId: 'vboxnet0' },
  checkStaticIp: { networkId: 'natnet', ip: '10.0.2.40', machineId: uuid },
  installPlatform: { name: 'fuzz-kvm', kind: 'type1hosted', on: { guest: uuid }, os: 'linux' },
  listMedia: {},
  addIsoImage: { name: 'fuzz.iso', sizeMiB: 10 },
  removeMedium: { mediumId: 'iso-1' },
  releaseMedium: { mediumId: 'iso-1' },
  compactDisk: { diskId: 'disk-1' },
  listKinds: {},
  checkMigration: { id: uuid, platformId: 'esx-atlas' },
  migrateMachine: { id: uuid, platformId: 'esx-atlas' },
  getDatacenter: {},
  planMigration: { id: uuid },
  startMigration: { id: uuid, platformId: 'esx-rack-02', maxRounds: 30, maxDowntimeMs: 30 },
  cancelMigration: { migrationId: 'mig-1' },
  planConsolidation: { clusterId: 'cluster-rack', headroomPct: 20, percentile: 80 },
  consolidateCluster: { clusterId: 'cluster-rack', headroomPct: 20, percentile: 80 },
  balanceCluster: { clusterId: 'cluster-rack' },
  hostAction: { hostId: 'rack-01', action: 'maintenance' },
  updateCluster: { clusterId: 'cluster-rack', patch: { storage: 'shared', ha: { enabled: true, admissionControl: false, hostFailuresToTolerate: 1 }, balancing: { enabled: false, thresholdPct: 80, sustainS: 60 }, consolidation: { headroomPct: 20, percentile: 80 } } },
  setHostLink: { hostId: 'rack-01', gbps: 10 },
  setRestartPriority: { id: uuid, priority: 'high' },
  getRunReport: { clusterId: 'cluster-rack', fromMs: 0, toMs: 60_000 },
  setTelemetrySubscription: { groups: [{ machineIds: [uuid], metrics: ['cpuPct', 'memUsedMiB'] }, { machineIds: [uuid], metrics: ['netRxMBps'] }] },
  getTelemetryHistory: { machineId: uuid, range: '10m', metrics: ['cpuPct', 'diskReadMBps'], maxPoints: 120 },
  getHostActivity: {},
  getLibraryStatus: {},
  exportMachines: { machineIds: [uuid], format: 'ova', ovfVersion: '1.0', manifest: true, fileBaseName: 'fuzz-export', operationId: uuid },
  beginImport: { fileName: 'fuzz.ova', size: 1024 },
  uploadImportChunk: { uploadId: uuid, offset: 0, data: 'AAAA' },
  readImport: { uploadId: uuid, operationId: uuid },
  commitImport: {
    uploadId: uuid,
    systems: [
      { sourceId: 'vm', include: true, name: 'fuzz-import', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8, hostId: 'host-1', platformId: 'esx-atlas', workload: 'web', diskAllocation: 'dynamic', macPolicy: 'new' },
    ],
    operationId: uuid,
  },
  cancelImport: { uploadId: uuid },
  getRuntimeDetails: { id: uuid },
  listImages: {},
  listApplications: {},
  getApplication: { id: uuid },
  deployApplication: { source: 'name: fuzz\nservices:\n  web:\n    image: nginx:1.27\n', fileName: 'fuzz.yaml' },
  removeApplication: { id: uuid },
  scaleService: { id: uuid, service: 'web', replicas: 3 },
  rolloutService: { id: uuid, service: 'web', image: 'nginx:1.27' },
  rollbackService: { id: uuid, service: 'web' },
  failContainer: { id: uuid, service: 'web', replicaId: 'fuzz-web-1' },
  failContainerHost: { hostId: 'host-6' },
  recoverContainerHost: { hostId: 'host-6' },
  listContainerNodes: {},
  labelMachines: { ids: [uuid], patch: { group: 'lab/web', owner: 'ana', tags: ['fuzz'], expiresOn: '2030-01-31' } },
  runBulkOperation: { action: 'snapshot', ids: [uuid], snapshot: { name: 'bulk', description: '', withMemory: false }, operationId: uuid },
  queryEvents: { machineId: uuid, hostId: 'host-1', kinds: ['state', 'refusal'], text: 'start', limit: 50, beforeSeq: 10 },
  exportEvents: { machineId: uuid, kinds: ['refusal'], text: 'conflict', format: 'csv' },
  getSprawlReport: { idleDays: 7, unusedDays: 30, expiringDays: 14, top: 5 },
  getMachineFamily: { id: uuid },
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// JSON cannot spell these; sentinels are swapped for raw number text after stringifying.
const rawNumbers: Record<string, string> = { __INF__: '1e999', __NEG_INF__: '-1e999', __NEG_ZERO__: '-0', __BIG__: '9007199254740993' };

function nest(depth: number, leaf: unknown, asObject: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = asObject ? { a: value } : [value];
  return value;
}

/** Values of every wrong type and shape, including edge numbers, junk text and oversized data. */
export const junkValues: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.5,
  '__INF__',
  '__NEG_INF__',
  '__NEG_ZERO__',
  '__BIG__',
  '',
  ' ',
  '\u0000',
  '\u202e\ud800\udfff\ufffe💥\u0007',
  'NaN',
  'Infinity',
  'null',
  'x'.repeat(200_000),
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  [],
  [1, 'a', null],
  [{}],
  {},
  { $gt: '' },
  nest(40, 1, false),
  nest(40, 1, true),
  new Array(20_000).fill(0),
  new Array(2_001).fill(uuid),
];

const junkKeys = ['extra', 'ID', 'Name', '', ' ', '\u0000', '💥', 'toString', 'hasOwnProperty', 'k'.repeat(5000)];
const pollutionJson = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
];

function toJson(value: unknown): string {
  let text = JSON.stringify(value);
  for (const [sentinel, raw] of Object.entries(rawNumbers)) text = text.replaceAll(`"${sentinel}"`, raw);
  return text;
}

function withPollution(base: Record<string, unknown>, pollution: string): string {
  const inner = toJson(base);
  const extra = pollution.slice(1, -1);
  return inner === '{}' ? `{${extra}}` : `${inner.slice(0, -1)},${extra}}`;
}

/** Raw JSON texts for `params`, each of which the method's input schema must refuse. */
export function malformedParams(method: MethodName): string[] {
  const base = validParams[method];
  const out: string[] = [];
  // Junk in place of the whole params object.
  for (const junk of junkValues) if (typeof junk !== 'object' || junk === null || Array.isArray(junk)) out.push(toJson(junk));
  // Built as text: JSON.stringify itself would overflow the stack at these depths.
  const deep = 100_000;
  out.push(toJson([base]), '[[[[[[[[]]]]]]]]', `${'['.repeat(deep)}${toJson(base)}${']'.repeat(deep)}`, `${'{"a":'.repeat(deep)}{}${'}'.repeat(deep)}`);
  // Every field: each junk value, and missing altogether.
  for (const field of Object.keys(base)) {
    for (const junk of junkValues) out.push(toJson({ ...base, [field]: junk }));
    const { [field]: _removed, ...rest } = base;
    out.push(toJson(rest));
  }
  // One level down in nested objects (settings patch, snapshot spec, clone options): each junk value, and missing.
  for (const [field, value] of Object.entries(base)) {
    if (!isPlainObject(value)) continue;
    for (const inner of Object.keys(value)) {
      for (const junk of junkValues) out.push(toJson({ ...base, [field]: { ...value, [inner]: junk } }));
      const { [inner]: _gone, ...innerRest } = value;
      out.push(toJson({ ...base, [field]: innerRest }));
    }
    for (const key of junkKeys.slice(0, 4)) out.push(toJson({ ...base, [field]: { ...value, [key]: 1 } }));
    for (const pollution of pollutionJson) out.push(`${toJson({ ...base, [field]: '__NESTED__' }).replace('"__NESTED__"', withPollution(value, pollution))}`);
  }
  // Extra keys with assorted values, and prototype-pollution keys.
  for (const key of junkKeys) for (const junk of junkValues.slice(0, 8)) out.push(toJson({ ...base, [key]: junk }));
  for (const pollution of pollutionJson) out.push(withPollution(base, pollution));
  // Keep only payloads the contract really refuses (a junk value can happen to be valid, e.g. "" for an optional field).
  return out.filter((text) => !apiMethods[method].input.safeParse(JSON.parse(text)).success);
}

/** Whole frames that are not valid calls at all. */
export function malformedFrames(): string[] {
  const frames = [
    '',
    ' ',
    '{',
    'not json',
    '\u0000\u0001',
    'null',
    '42',
    '"call"',
    '[]',
    '{}',
    '{"kind":"call"}',
    '{"kind":"result","id":1,"method":"getAppInfo","params":{}}',
    '{"kind":"call","id":-1,"method":"getAppInfo","params":{}}',
    '{"kind":"call","id":1.5,"method":"getAppInfo","params":{}}',
    '{"kind":"call","id":"1","method":"getAppInfo","params":{}}',
    '{"kind":"call","id":1e999,"method":"getAppInfo","params":{}}',
    '{"kind":"call","id":9007199254740993,"method":"getAppInfo","params":{}}',
    '{"kind":"call","id":1,"method":42,"params":{}}',
    `{"kind":"call","id":1,"method":"${'m'.repeat(101)}","params":{}}`,
    '{"kind":"call","id":1,"method":"getAppInfo","params":{},"extra":true}',
    '{"__proto__":{"kind":"call"},"id":1,"method":"getAppInfo"}',
  ];
  return frames;
}

/** Method names that look plausible but are not in the API table. */
export const unknownMethods = ['', 'nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'createmachine', 'CreateMachine', 'createMachine ', 'valueOf', 'crash', 'init', 'lifecycle'];
