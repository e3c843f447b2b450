// Exports machines from the engine's full records as OVA, OVF (+ manifest) or plain JSON, with progress per step.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { isOff } from '../../../shared/domain/machineState.ts';
import type { ExportedFile, ExportResult, exportRequestSchema } from '../../../shared/domain/appliance.ts';
import { AppError } from '../../../shared/errors.ts';
import type { EnginePort } from '../enginePort.ts';
import { buildConfigurationsJson } from '../ovf/configJsonExport.ts';
import type { ExportMachine } from '../ovf/exportModel.ts';
import { buildManifest, manifestAlgorithm } from '../ovf/manifest.ts';
import { buildOvfDescriptor } from '../ovf/ovfDescriptorWriter.ts';
import { buildOva } from '../ovf/ovaWriter.ts';
import type { ProgressReporter } from './operationProgress.ts';

export type ExportRequestInput = z.output<typeof exportRequestSchema>;

const mediaTypes = { ova: 'application/x-tar', ovf: 'application/ovf+xml', mf: 'text/plain', json: 'application/json' } as const;

function exportedFile(name: string, mediaType: string, data: Uint8Array): ExportedFile {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return { name, mediaType, bytes: buffer.byteLength, sha256: createHash('sha256').update(buffer).digest('hex'), base64: buffer.toString('base64') };
}

/** Nothing is produced unless every machine exists (NOT_FOUND names the first unknown id). */
export async function exportMachines(engine: EnginePort, request: ExportRequestInput, progress: ProgressReporter): Promise<ExportResult> {
  const ids = [...new Set(request.machineIds)];
  // The engine's full records as the backend keeps them from its change stream (no export per request).
  const live = await engine.request('listMachines', {});
  const recordById = new Map(engine.records().map((record) => [record.id, record]));
  const liveById = new Map(live.map((machine) => [machine.id, machine]));
  const missing = ids.find((id) => !recordById.has(id) || !liveById.has(id));
  if (missing !== undefined) throw new AppError('NOT_FOUND', `No machine with id "${missing}"; nothing was exported`, 'machineIds');
  const machines: ExportMachine[] = ids.map((id) => ({ ...(recordById.get(id) as ExportMachine), kind: liveById.get(id)?.kind }));
  if (request.format !== 'json') await refuseWithoutHardware(engine, machines);
  const warnings = ids
    .map((id) => liveById.get(id))
    .filter((machine) => machine !== undefined && !isOff(machine.state))
    .map((machine) => `"${machine?.name}" is ${machine?.state}: its configuration is exported, not what it is doing now`);

  const count = machines.length;
  const base = request.fileBaseName;
  const writesManifest = request.format !== 'json' && request.manifest;
  const total = count + (writesManifest ? 1 : 0) + 1;
  const described = (index: number, name: string): void => progress(`Described "${name}" (${index + 1} of ${count})`, index + 1, total);
  let files: ExportedFile[];
  if (request.format === 'json') {
    const json = buildConfigurationsJson(machines);
    machines.forEach((machine, index) => described(index, machine.name));
    progress('Writing the configuration file', total, total);
    files = [exportedFile(`${base}.json`, mediaTypes.json, Buffer.from(json, 'utf8'))];
  } else {
    const version = request.ovfVersion;
    const descriptor = buildOvfDescriptor(machines, { version, onMachine: described });
    if (writesManifest) progress(`Writing the manifest (${manifestAlgorithm(version)} digests)`, count + 1, total);
    if (request.format === 'ova') {
      const ova = await buildOva({ baseName: base, descriptor, version, manifest: request.manifest });
      progress('Packaging the OVA archive', total, total);
      files = [exportedFile(`${base}.ova`, mediaTypes.ova, ova)];
    } else {
      const ovf = { name: `${base}.ovf`, data: Buffer.from(descriptor, 'utf8') };
      files = [exportedFile(ovf.name, mediaTypes.ovf, ovf.data)];
      if (writesManifest) files.push(exportedFile(`${base}.mf`, mediaTypes.mf, Buffer.from(buildManifest(manifestAlgorithm(version), [ovf]), 'utf8')));
      progress('Writing the OVF files', total, total);
    }
  }
  return { files, machineCount: count, totalBytes: files.reduce((sum, file) => sum + file.bytes, 0), warnings };
}

/** OVF describes virtual hardware: containers and process VMs (kinds without a virtual disk) are exported as JSON only. */
async function refuseWithoutHardware(engine: EnginePort, machines: readonly ExportMachine[]): Promise<void> {
  const kinds = await engine.request('listKinds', {});
  const hardwareless = machines.filter((machine) => {
    const settings = kinds.find((kind) => kind.kind === machine.kind)?.settings;
    return settings !== undefined && !settings.includes('virtualDisk');
  });
  if (hardwareless.length === 0) return;
  const names = hardwareless.map((machine) => `"${machine.name}"`).join(', ');
  const noun = (machine: ExportMachine) => kinds.find((kind) => kind.kind === machine.kind)?.guestNoun ?? 'machine';
  throw new AppError(
    'VALIDATION',
    `${names} ${hardwareless.length === 1 ? `is a ${noun(hardwareless[0]!)}` : 'have no virtual hardware'}: an OVF appliance describes virtual machines; export ${hardwareless.length === 1 ? 'it' : 'them'} as JSON instead`,
    'machineIds',
  );
}
