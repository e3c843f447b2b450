// OVF manifests (.mf): "SHA256(file)= digest" lines, written with SHA-1 for OVF 1.0 (as VirtualBox does) and SHA-256 for 2.0.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { OvfVersion } from './ovfNamespaces.ts';

export type DigestAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
export const digestAlgorithms: readonly DigestAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export interface ManifestEntry {
  algorithm: DigestAlgorithm;
  fileName: string;
  digest: string;
}

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

const digestLength: Readonly<Record<DigestAlgorithm, number>> = { SHA1: 40, SHA256: 64, SHA512: 128 };

/** Strict parse: an unreadable line is an error, since a manifest that cannot be checked protects nothing. */
export function parseManifest(text: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > 1000) throw new AppError('VALIDATION', 'The manifest has more than 1000 lines');
  for (const [index, line] of lines.entries()) {
    const match = /^(SHA1|SHA256|SHA512)\(([^()]{1,255})\)\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line);
    if (!match) throw new AppError('VALIDATION', `Manifest line ${index + 1} is not of the form "SHA256(file)= digest"`);
    const algorithm = match[1] as DigestAlgorithm;
    const digest = (match[3] as string).toLowerCase();
    if (digest.length !== digestLength[algorithm]) throw new AppError('VALIDATION', `Manifest line ${index + 1}: a ${algorithm} digest has ${digestLength[algorithm]} hex digits`);
    entries.push({ algorithm, fileName: match[2] as string, digest });
  }
  return entries;
}
