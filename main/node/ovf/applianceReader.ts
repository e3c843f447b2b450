// Entry point of the import core: an .ovf or .ova file in, import plans out; all-or-nothing, nothing written on failure.
import { AppError } from '../../../shared/errors.ts';
import { readOvfDescriptor } from './ovfDescriptorReader.ts';
import type { ImportPlan } from './importPlan.ts';
import { defaultOvaLimits, readOva } from './ovaReader.ts';
import type { OvaLimits } from './ovaReader.ts';
import { xmlLimits } from './xmlTree.ts';

export interface ApplianceReadResult {
  format: 'ovf' | 'ova';
  plans: ImportPlan[];
  /** A manifest was present and every digest matched. */
  manifestVerified: boolean;
  /** Files the package ships besides descriptor and manifest (disk images). */
  shippedFiles: string[];
}

export async function readAppliance(bytes: Uint8Array, fileName: string, limits: OvaLimits = defaultOvaLimits): Promise<ApplianceReadResult> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ovf')) {
    if (bytes.byteLength > xmlLimits.maxBytes) throw new AppError('VALIDATION', `The OVF descriptor is ${bytes.byteLength} bytes; at most ${xmlLimits.maxBytes} bytes are accepted`);
    return { format: 'ovf', plans: readOvfDescriptor(bytes), manifestVerified: false, shippedFiles: [] };
  }
  if (lower.endsWith('.ova')) {
    const ova = await readOva(bytes, limits);
    const plans = readOvfDescriptor(ova.descriptor);
    const shippedFiles = ova.files.map((file) => file.name).filter((name) => name !== ova.descriptorName && name !== ova.manifestName);
    for (const plan of plans) {
      for (const disk of plan.disks) {
        if (disk.fileRef !== undefined && shippedFiles.length === 0) plan.warnings.push(`Disk "${disk.diskId}" has no image in the package; an empty disk of ${disk.capacityGiB} GiB is created`);
      }
    }
    return { format: 'ova', plans, manifestVerified: ova.manifestVerified, shippedFiles };
  }
  throw new AppError('VALIDATION', `"${fileName}" is not an .ovf or .ova file`);
}

/** Hands the plans to `commit` only once every check passed, so a refused file changes nothing. */
export async function importAppliance(bytes: Uint8Array, fileName: string, commit: (result: ApplianceReadResult) => void | Promise<void>, limits?: OvaLimits): Promise<ApplianceReadResult> {
  const result = await readAppliance(bytes, fileName, limits);
  await commit(result);
  return result;
}
