// OVF manifests (.mf): written as "SHA256(file)= digest" (SHA-1 for OVF 1.0, as VirtualBox does); read in every form tools write.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { OvfVersion } from './ovfNamespaces.ts';

export type DigestAlgorithm = 'MD5' | 'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512';
export const digestAlgorithms: readonly DigestAlgorithm[] = ['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'];
const digestLength: Readonly<Record<DigestAlgorithm, number>> = { MD5: 32, SHA1: 40, SHA224: 56, SHA256: 64, SHA384: 96, SHA512: 128 };

/** A digest of one file, or (IPRT's SIZE attribute, which VirtualBox can write) its size in bytes. */
export type ManifestEntry = { algorithm: DigestAlgorithm; fileName: string; digest: string } | { algorithm: 'SIZE'; fileName: string; size: number };

export const manifestLimits = { maxLines: 10_000, maxNameLength: 255 } as const;

export function manifestAlgorithm(version: OvfVersion): DigestAlgorithm {
  return version === '1.0' ? 'SHA1' : 'SHA256';
}

export function nodeHashName(algorithm: DigestAlgorithm): string {
  return algorithm.toLowerCase();
}

export function digestOf(algorithm: DigestAlgorithm, data: Uint8Array): string {
  return createHash(nodeHashName(algorithm)).update(data).digest('hex');
}

export function buildManifest(algorithm: DigestAlgorithm, files: readonly { name: string; data: Uint8Array }[]): string {
  return files.map((file) => `${algorithm}(${file.name})= ${digestOf(algorithm, file.data)}\n`).join('');
}

const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

/**
 * One line: `ALG(name)= digest` (DMTF DSP0243, ovftool), `ALG (name) = digest` (VirtualBox's IPRT writer), any
 * blanks around the parts, CRLF line ends, upper- or lower-case hex. The name runs to the last ")" before "=", as
 * IPRT reads it; backslashes are path separators (IPRT turns them into slashes).
 */
const linePattern = /^([A-Za-z0-9]+)\s*\((.+)\)\s*=\s*(\S+)$/;

/** Strict parse: an unreadable line is an error, since a manifest that cannot be checked protects nothing. */
export function parseManifest(text: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const seen = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > manifestLimits.maxLines) refuse(`The manifest has more than ${manifestLimits.maxLines} lines`);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `Manifest line ${index + 1}`;
    const match = linePattern.exec(line) ?? refuse(`${where} is not of the form "SHA256(file)= digest"`);
    const attribute = (match[1] as string).toUpperCase();
    const fileName = (match[2] as string).trim().replace(/\\/g, '/');
    const value = match[3] as string;
    // eslint-disable-next-line no-control-regex -- file names with control characters are refused, as IPRT does
    if (fileName === '' || fileName.length > manifestLimits.maxNameLength || /[\u0000-\u001f\u007f]/.test(fileName)) refuse(`${where} names no usable file`);
    let entry: ManifestEntry;
    if (attribute === 'SIZE') {
      if (!/^\d{1,16}$/.test(value)) refuse(`${where}: SIZE must be a whole number of bytes`);
      entry = { algorithm: 'SIZE', fileName, size: Number(value) };
    } else if ((digestAlgorithms as readonly string[]).includes(attribute)) {
      const algorithm = attribute as DigestAlgorithm;
      if (!new RegExp(`^[0-9a-fA-F]{${digestLength[algorithm]}}$`).test(value)) refuse(`${where}: a ${algorithm} digest has ${digestLength[algorithm]} hex digits`);
      entry = { algorithm, fileName, digest: value.toLowerCase() };
    } else {
      return refuse(`${where} uses the digest "${attribute}", which Virtlab cannot check (it checks ${digestAlgorithms.join(', ')} and SIZE)`);
    }
    const key = `${attribute}\u0000${fileName}`;
    const stated = entry.algorithm === 'SIZE' ? String(entry.size) : entry.digest;
    const before = seen.get(key);
    if (before !== undefined && before !== stated) refuse(`The manifest gives two different ${attribute} values for "${fileName}"`);
    seen.set(key, stated);
    entries.push(entry);
  });
  if (entries.length === 0) refuse('The manifest lists no files');
  return entries;
}

/** The digest algorithms a manifest uses, so a package's large files are hashed only with those. */
export function algorithmsIn(entries: readonly ManifestEntry[]): DigestAlgorithm[] {
  return digestAlgorithms.filter((algorithm) => entries.some((entry) => entry.algorithm === algorithm));
}

export interface CheckedFile {
  name: string;
  size: number;
  digests: Partial<Record<DigestAlgorithm, string>>;
}

/** Throws on the first line that does not match; the caller decides what must be listed. */
export function checkEntry(entry: ManifestEntry, file: CheckedFile): void {
  if (entry.algorithm === 'SIZE') {
    if (entry.size !== file.size) refuse(`Manifest size mismatch for "${entry.fileName}": the manifest says ${entry.size} bytes, the file has ${file.size}`);
    return;
  }
  const actual = file.digests[entry.algorithm];
  if (actual === undefined) refuse(`"${entry.fileName}" could not be checked against its ${entry.algorithm} digest (the manifest came after it in the package)`);
  if (actual !== entry.digest) refuse(`Manifest digest mismatch for "${entry.fileName}" (${entry.algorithm}): the file was altered or damaged`);
}
