// Which of several chosen or dropped files is the appliance, and which .mf manifest goes with it (only with an .ovf).
export interface ApplianceFiles {
  appliance: File | null;
  /** The .mf that sits beside an .ovf; checked against it by the backend. */
  manifest: File | null;
  /** Files that were neither, or a second appliance: shown in a note, not imported. */
  ignored: File[];
}

const extension = (name: string): string => name.toLowerCase().replace(/^.*(\.[^.]*)$/, '$1');

export function pickApplianceFiles(files: readonly File[]): ApplianceFiles {
  const appliance = files.find((file) => ['.ova', '.ovf'].includes(extension(file.name))) ?? files[0] ?? null;
  const isOvf = appliance !== null && extension(appliance.name) === '.ovf';
  const manifests = isOvf ? files.filter((file) => extension(file.name) === '.mf') : [];
  // With several manifests, the one named like the descriptor (lab.mf for lab.ovf), as VirtualBox looks for it.
  const base = appliance?.name.replace(/\.[^.]*$/, '').toLowerCase();
  const manifest = manifests.find((file) => file.name.replace(/\.[^.]*$/, '').toLowerCase() === base) ?? manifests[0] ?? null;
  return { appliance, manifest, ignored: files.filter((file) => file !== appliance && file !== manifest) };
}
