// Benchmark: export 500 machines as one OVA, then import them all (read + verify, preview, create) into another library's engine.
import type { ImportChoice } from '../shared/domain/appliance.ts';
import { applianceLimits } from '../shared/domain/appliance.ts';
import type { EngineInput, EngineOutput } from '../shared/engine/protocol.ts';
import type { EngineCoreCommand } from '../engine/commandSchemas.ts';
import { Engine } from '../engine/engine.ts';
import { exportMachines } from '../main/node/appliance/exportService.ts';
import { commitChoices } from '../main/node/appliance/importCommit.ts';
import { previewSystems } from '../main/node/appliance/importPreview.ts';
import { noProgress } from '../main/node/appliance/operationProgress.ts';
import type { EnginePort } from '../main/node/enginePort.ts';
import { readAppliance } from '../main/node/ovf/applianceReader.ts';

const machines = applianceLimits.maxExportMachines;

/** Engines in this process: what is measured is export and import, not the worker's message passing. */
const portOf = (engine: Engine): EnginePort =>
  ({ request: async <C extends EngineCoreCommand>(command: C, input: EngineInput<C>): Promise<EngineOutput<C>> => engine.handle(command, input) }) as EnginePort;
const source = new Engine({ seed: 1 });
// A simulated network leases at most ~240 DHCP addresses, so the machines are spread over three networks.
const attachments = ['nat', 'nat', 'internal', 'internal', 'hostOnly'] as const;
const ids: string[] = [];
for (let i = 0; i < machines; i++) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const nics = [{ attachment: attachments[i % attachments.length]! }];
  source.handle('createMachine', { id, spec: { name: `bench-${i}`, osType: 'debian64', vcpus: 1, memoryMiB: 256, diskGiB: 4, group: 'bench/appliance' }, options: { nics } });
  ids.push(id);
}
const target = new Engine({ seed: 2 });
const port = portOf(target);

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

const [exported, exportMs] = await time(() => exportMachines(portOf(source), { machineIds: ids, format: 'ova', ovfVersion: '2.0', manifest: true, fileBaseName: 'bench' }, noProgress));
const ova = Buffer.from(exported.files[0]!.base64, 'base64');
const [read, readMs] = await time(() => readAppliance(ova, 'bench.ova'));
const [systems, previewMs] = await time(async () => previewSystems(read.plans, target.handle('listMachines', {}), target.handle('listHosts', {})));
const choices: ImportChoice[] = systems.map((system) => ({
  sourceId: system.sourceId,
  include: true,
  name: system.suggestedName,
  osType: system.osType,
  vcpus: system.vcpus,
  memoryMiB: system.memoryMiB,
  diskGiB: system.diskGiB,
  hostId: system.hostId,
  platformId: system.platformId,
  workload: system.workload,
  diskAllocation: system.diskAllocation,
  macPolicy: 'new',
}));
const [imported, commitMs] = await time(() => commitChoices(port, choices, systems, noProgress, () => undefined));
if (imported.machines.length !== machines) throw new Error(`imported ${imported.machines.length} of ${machines} machines`);
if (imported.machines.some((machine) => machine.group !== 'bench/appliance')) throw new Error('an imported machine lost its group');

const importMs = readMs + previewMs + commitMs;
const result = {
  name: 'applianceRoundTrip',
  machines,
  ovaBytes: ova.byteLength,
  exportMs: Math.round(exportMs),
  importReadMs: Math.round(readMs),
  importPreviewMs: Math.round(previewMs),
  importCommitMs: Math.round(commitMs),
  importMs: Math.round(importMs),
  importMachinesPerSecond: Math.round(machines / (importMs / 1000)),
  nodeVersion: process.version,
};
process.stderr.write(`${machines} machines: export ${result.exportMs} ms (${ova.byteLength} bytes), import ${result.importMs} ms (read ${result.importReadMs}, preview ${result.importPreviewMs}, create ${result.importCommitMs})\n`);
console.log(JSON.stringify(result));
