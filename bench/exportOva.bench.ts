// Benchmark: exporting 100 configured machines as one OVA (descriptor, SHA-1 manifest, tar) through the export service.
import type { Machine } from '../shared/domain/machine.ts';
import type { EngineCommandName, EngineInput, EngineOutput, MachineRecord } from '../shared/engine/protocol.ts';
import { exportMachines } from '../main/node/appliance/exportService.ts';
import { noProgress } from '../main/node/appliance/operationProgress.ts';
import type { EnginePort } from '../main/node/enginePort.ts';
import { fullRecord } from '../main/node/library/testing/sampleRecords.ts';

const machines = 100;
const rounds = 5;

const records: MachineRecord[] = Array.from({ length: machines }, (_, i) => fullRecord(`export-${i}`, { name: `machine ${i}`, createdAtMs: i }, 1 + (i % 4)));
const live: Machine[] = records.map((record) => {
  const { config: _config, ...basic } = record;
  return { ...basic, kind: 'type1', chain: [], state: 'PoweredOff', stateSinceMs: 0 };
});

/** Answers only what an export asks; the engine worker itself is not what is measured here. */
const engine = {
  request: async <C extends EngineCommandName>(command: C, _input: EngineInput<C>): Promise<EngineOutput<C>> => {
    if (command === 'listMachines') return live as EngineOutput<C>;
    throw new Error(`unexpected command ${command}`);
  },
  records: () => records,
} as EnginePort;

const request = { machineIds: records.map((r) => r.id), format: 'ova' as const, ovfVersion: '1.0' as const, manifest: true, fileBaseName: 'bench-export' };
let bestMs = Infinity;
let bytes = 0;
for (let round = 0; round < rounds; round++) {
  const start = performance.now();
  const result = await exportMachines(engine, request, noProgress);
  bestMs = Math.min(bestMs, performance.now() - start);
  bytes = result.totalBytes;
}
const result = {
  name: 'exportOva',
  machines,
  exportMs: Math.round(bestMs),
  machinesPerSecond: Math.round(machines / (bestMs / 1000)),
  ovaBytes: bytes,
  bytesPerMachine: Math.round(bytes / machines),
  nodeVersion: process.version,
};
process.stderr.write(`${machines} machines exported as OVA in ${result.exportMs} ms (${result.ovaBytes} bytes, ${result.bytesPerMachine} per machine)\n`);
console.log(JSON.stringify(result));
