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

/** Takes the whole file, or a stream of it (an OVA is then read without holding the disk images in memory). */
export async function readAppliance(input: Uint8Array | AsyncIterable<Uint8Array>, fileName: string, limits: OvaLimits = defaultOvaLimits): Promise<ApplianceReadResult> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ovf')) {
    const bytes = input instanceof Uint8Array ? input : await collectBounded(input, xmlLimits.maxBytes);
    if (bytes.byteLength > xmlLimits.maxBytes) throw tooLargeDescriptor(String(bytes.byteLength));
    return { format: 'ovf', plans: readOvfDescriptor(bytes), manifestVerified: false, shippedFiles: [] };
  }
  if (lower.endsWith('.ova')) {
    const ova = await readOva(input, limits);
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

const tooLargeDescriptor = (size: string): AppError =>
  new AppError('VALIDATION', `The OVF descriptor is ${size} bytes; at most ${xmlLimits.maxBytes} bytes are accepted`);

/** Stops reading as soon as the stream is longer than `max`, so an oversized descriptor is never held whole. */
async function collectBounded(input: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.byteLength;
    if (size > max) throw tooLargeDescriptor(`more than ${max}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Hands the plans to `commit` only once every check passed, so a refused file changes nothing. */
export async function importAppliance(bytes: Uint8Array, fileName: string, commit: (result: ApplianceReadResult) => void | Promise<void>, limits?: OvaLimits): Promise<ApplianceReadResult> {
  const result = await readAppliance(bytes, fileName, limits);
  await commit(result);
  return result;
}
