// Entry point of the import core: an .ovf (with its .mf, when given) or .ova file in, import plans out; nothing written on failure.
import { AppError } from '../../../shared/errors.ts';
import { readOvfDescriptor } from './ovfDescriptorReader.ts';
import type { ImportPlan } from './importPlan.ts';
import { checkEntry, digestAlgorithms, digestOf, parseManifest } from './manifest.ts';
import { defaultOvaLimits, readOva } from './ovaReader.ts';
import type { OvaLimits } from './ovaReader.ts';
import { xmlLimits } from './xmlTree.ts';

export interface ApplianceReadResult {
  format: 'ovf' | 'ova';
  plans: ImportPlan[];
  /** A manifest was present. */
  hasManifest: boolean;
  /** A manifest was present and every file Virtlab reads (the descriptor, every file of an OVA) matched it. */
  manifestVerified: boolean;
  /** Files the package ships besides descriptor and manifest (disk images). */
  shippedFiles: string[];
}

/** The manifest that sits beside an .ovf (`lab.mf` next to `lab.ovf`), handed over as text. */
export interface SiblingManifest {
  fileName: string;
  text: string;
}

/** Takes the whole file, or a stream of it (an OVA is then read without holding the disk images in memory). */
export async function readAppliance(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  fileName: string,
  limits: OvaLimits = defaultOvaLimits,
  sibling?: SiblingManifest,
): Promise<ApplianceReadResult> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ovf')) {
    const bytes = input instanceof Uint8Array ? input : await collectBounded(input, xmlLimits.maxBytes);
    if (bytes.byteLength > xmlLimits.maxBytes) throw tooLargeDescriptor(String(bytes.byteLength));
    if (sibling) verifyDescriptorAgainst(sibling, fileName, bytes);
    return { format: 'ovf', plans: readOvfDescriptor(bytes), hasManifest: sibling !== undefined, manifestVerified: sibling !== undefined, shippedFiles: [] };
  }
  if (lower.endsWith('.ova')) {
    if (sibling) throw new AppError('VALIDATION', `An OVA carries its own manifest; "${sibling.fileName}" only goes with an .ovf file`);
    const ova = await readOva(input, limits);
    const plans = readOvfDescriptor(ova.descriptor);
    const shippedFiles = ova.files.map((file) => file.name).filter((name) => name !== ova.descriptorName && name !== ova.manifestName);
    for (const plan of plans) {
      for (const disk of plan.disks) {
        if (disk.fileRef !== undefined && shippedFiles.length === 0) plan.warnings.push(`Disk "${disk.diskId}" has no image in the package; an empty disk of ${disk.capacityGiB} GiB is created`);
      }
    }
    return { format: 'ova', plans, hasManifest: ova.manifestName !== undefined, manifestVerified: ova.manifestVerified, shippedFiles };
  }
  throw new AppError('VALIDATION', `"${fileName}" is not an .ovf or .ova file`);
}

/**
 * The descriptor must be listed and match; the disk images it also lists are not part of the upload (Virtlab creates
 * empty disks), so only the descriptor can be, and must be, checked.
 */
function verifyDescriptorAgainst(sibling: SiblingManifest, descriptorName: string, bytes: Uint8Array): void {
  const entries = parseManifest(sibling.text);
  const base = descriptorName.split(/[/\\]/).at(-1) as string;
  const own = entries.filter((entry) => entry.fileName === base);
  if (own.length === 0) throw new AppError('VALIDATION', `The manifest "${sibling.fileName}" has no digest for "${base}", so it cannot vouch for it; import the .ovf without the manifest, or use the matching one`);
  const digests = Object.fromEntries(digestAlgorithms.map((algorithm) => [algorithm, digestOf(algorithm, bytes)]));
  for (const entry of own) checkEntry(entry, { name: base, size: bytes.byteLength, digests });
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
export async function importAppliance(
  bytes: Uint8Array,
  fileName: string,
  commit: (result: ApplianceReadResult) => void | Promise<void>,
  limits?: OvaLimits,
  sibling?: SiblingManifest,
): Promise<ApplianceReadResult> {
  const result = await readAppliance(bytes, fileName, limits, sibling);
  await commit(result);
  return result;
}
