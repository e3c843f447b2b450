// Writes an OVA: a tar with the .ovf descriptor first, then the optional manifest, then any shipped files.
import { pack } from 'tar-stream';
import { buildManifest, manifestAlgorithm } from './manifest.ts';
import type { OvfVersion } from './ovfNamespaces.ts';

export interface OvaInput {
  /** File name without extension; the entries are `<baseName>.ovf` and `<baseName>.mf`. */
  baseName: string;
  descriptor: string;
  version: OvfVersion;
  manifest: boolean;
  files?: readonly { name: string; data: Uint8Array }[];
}

export interface TarEntryInput {
  name: string;
  data: Uint8Array;
  type?: 'file' | 'symlink' | 'directory';
  linkname?: string;
}

/** Packs entries in order into an in-memory tar (USTAR, as OVA requires). */
export async function packTar(entries: readonly TarEntryInput[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    await new Promise<void>((resolve, reject) => {
      const header = { name: entry.name, type, mode: 0o644, mtime: new Date(0), size: type === 'file' ? entry.data.byteLength : 0, ...(entry.linkname ? { linkname: entry.linkname } : {}) };
      tar.entry(header, type === 'file' ? Buffer.from(entry.data) : Buffer.alloc(0), (error) => (error ? reject(error) : resolve()));
    });
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function buildOva(input: OvaInput): Promise<Buffer> {
  const descriptor = { name: `${input.baseName}.ovf`, data: Buffer.from(input.descriptor, 'utf8') };
  const files = input.files ?? [];
  const entries: TarEntryInput[] = [descriptor];
  if (input.manifest) {
    const manifest = buildManifest(manifestAlgorithm(input.version), [descriptor, ...files]);
    entries.push({ name: `${input.baseName}.mf`, data: Buffer.from(manifest, 'utf8') });
  }
  entries.push(...files);
  return packTar(entries);
}
