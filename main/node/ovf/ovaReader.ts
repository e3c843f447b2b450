// Reads an untrusted OVA (tar): safe entry names, bounded counts and sizes, descriptor first, manifest digests verified.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { AppError } from '../../../shared/errors.ts';
import { algorithmsIn, checkEntry, digestAlgorithms, nodeHashName, parseManifest } from './manifest.ts';
import type { CheckedFile, DigestAlgorithm, ManifestEntry } from './manifest.ts';
import { xmlLimits } from './xmlTree.ts';

export interface OvaLimits {
  maxEntries: number;
  maxDescriptorBytes: number;
  maxManifestBytes: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const defaultOvaLimits: OvaLimits = {
  // Descriptor, manifest, certificate and a disk image for each disk a large appliance may list.
  maxEntries: 4096,
  maxDescriptorBytes: xmlLimits.maxBytes,
  maxManifestBytes: 64 * 1024,
  maxEntryBytes: 256 * 1024 ** 3,
  maxTotalBytes: 512 * 1024 ** 3,
};

export type OvaFile = CheckedFile;

export interface OvaContents {
  descriptorName: string;
  descriptor: Buffer;
  /** Every regular file with its digests (the descriptor and manifest included). */
  files: OvaFile[];
  manifestName?: string;
  manifest?: ManifestEntry[];
  /** True when a manifest was present and every digest in it matched. */
  manifestVerified: boolean;
}

const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

/** Refuses names that could land outside an extraction folder, whatever the importer later does with them. */
export function checkEntryName(raw: string): string {
  if (raw.length === 0 || raw.length > 255) return refuse('An OVA entry has an empty or overlong name');
  // eslint-disable-next-line no-control-regex -- control characters have no place in entry names
  if (/[\u0000-\u001f]/.test(raw)) return refuse(`OVA entry "${JSON.stringify(raw)}" has control characters in its name`);
  if (raw.startsWith('/') || raw.startsWith('\\') || /^[a-zA-Z]:/.test(raw)) return refuse(`OVA entry "${raw}" has an absolute path; refused`);
  const name = raw.replace(/^(\.\/)+/, '');
  if (name.split(/[/\\]/).includes('..')) return refuse(`OVA entry "${raw}" climbs out of the package with ".."; refused`);
  return name;
}

async function readEntry(
  stream: AsyncIterable<unknown>,
  name: string,
  limit: number,
  keep: boolean,
  algorithms: readonly DigestAlgorithm[],
): Promise<{ size: number; data?: Buffer; digests: Partial<Record<DigestAlgorithm, string>> }> {
  const hashes = new Map<DigestAlgorithm, Hash>(algorithms.map((algorithm) => [algorithm, createHash(nodeHashName(algorithm))]));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const raw of stream) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
    size += chunk.byteLength;
    if (size > limit) refuse(`OVA entry "${name}" is larger than the ${limit} bytes allowed`);
    for (const hash of hashes.values()) hash.update(chunk);
    if (keep) chunks.push(chunk);
  }
  const digests: Partial<Record<DigestAlgorithm, string>> = Object.fromEntries([...hashes].map(([algorithm, hash]) => [algorithm, hash.digest('hex')]));
  return keep ? { size, data: Buffer.concat(chunks), digests } : { size, digests };
}

/** A signing certificate (.cert) signs the manifest and is never listed in it (DSP0243). */
const isCertificate = (name: string): boolean => name.toLowerCase().endsWith('.cert');

function verifyManifest(entries: readonly ManifestEntry[], files: readonly OvaFile[], manifestName: string): void {
  for (const entry of entries) {
    const file = files.find((candidate) => candidate.name === entry.fileName) ?? refuse(`The manifest lists "${entry.fileName}", which is not in the OVA`);
    checkEntry(entry, file);
  }
  for (const file of files) {
    if (file.name !== manifestName && !isCertificate(file.name) && !entries.some((entry) => entry.fileName === file.name)) refuse(`"${file.name}" is in the OVA but not in its manifest`);
  }
}

/** Reads the whole package; throws AppError VALIDATION before returning anything when any check fails. */
export async function readOva(input: Uint8Array | AsyncIterable<Uint8Array>, limits: OvaLimits = defaultOvaLimits): Promise<OvaContents> {
  const source = input instanceof Uint8Array ? Readable.from([Buffer.from(input)]) : Readable.from(input);
  const tar = extract();
  source.on('error', (error) => tar.destroy(error));
  source.pipe(tar);
  const files: OvaFile[] = [];
  let descriptor: { name: string; data: Buffer } | undefined;
  let manifest: { name: string; text: string } | undefined;
  let manifestEntries: ManifestEntry[] | undefined;
  let count = 0;
  let total = 0;
  try {
    for await (const entry of tar) {
      count += 1;
      if (count > limits.maxEntries) refuse(`The OVA has more than ${limits.maxEntries} entries; refused`);
      const { header } = entry;
      const name = checkEntryName(header.name);
      if (header.type === 'directory') {
        entry.resume();
        continue;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') refuse(`OVA entry "${name}" is a ${header.type ?? 'special entry'}; only regular files are accepted`);
      const declared = header.size ?? 0;
      total += declared;
      if (total > limits.maxTotalBytes) refuse(`The OVA holds more than the ${limits.maxTotalBytes} bytes allowed`);
      const isDescriptor = name.toLowerCase().endsWith('.ovf');
      const isManifest = name.toLowerCase().endsWith('.mf');
      if (files.length === 0 && !isDescriptor) refuse(`The first entry of an OVA must be the .ovf descriptor; found "${name}"`);
      if (isDescriptor && descriptor) refuse(`The OVA holds a second descriptor "${name}"; only one is accepted`);
      if (isManifest && manifest) refuse(`The OVA holds a second manifest "${name}"; only one is accepted`);
      if (files.some((file) => file.name === name)) refuse(`The OVA holds "${name}" twice`);
      const limit = isDescriptor ? limits.maxDescriptorBytes : isManifest ? limits.maxManifestBytes : limits.maxEntryBytes;
      if (declared > limit) refuse(`OVA entry "${name}" is ${declared} bytes; at most ${limit} bytes are accepted`);
      // Until the manifest is read every algorithm is computed; after it, only those it uses (disk images are large).
      const read = await readEntry(entry, name, limit, isDescriptor || isManifest, manifestEntries ? algorithmsIn(manifestEntries) : digestAlgorithms);
      files.push({ name, size: read.size, digests: read.digests });
      if (isDescriptor) descriptor = { name, data: read.data as Buffer };
      if (isManifest) {
        manifest = { name, text: (read.data as Buffer).toString('utf8') };
        manifestEntries = parseManifest(manifest.text);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', `The file is not a readable OVA (tar) package: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.destroy();
    tar.destroy();
  }
  if (!descriptor) return refuse('The OVA contains no .ovf descriptor');
  const entries = manifestEntries;
  if (manifest && entries) verifyManifest(entries, files, manifest.name);
  return {
    descriptorName: descriptor.name,
    descriptor: descriptor.data,
    files,
    ...(manifest && entries ? { manifestName: manifest.name, manifest: entries } : {}),
    manifestVerified: manifest !== undefined,
  };
}
