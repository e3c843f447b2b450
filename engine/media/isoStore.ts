// The library's ISO images: registered by name (the simulation keeps names and sizes, not bytes), found case-insensitively.
import { AppError } from '../../shared/errors.ts';
import type { IsoImage } from '../../shared/domain/media.ts';

/** A few installer images so a new library has something to boot from; sizes as their publishers ship them. */
export const defaultIsoImages: readonly Omit<IsoImage, 'id'>[] = [
  { name: 'ubuntu-24.04.1-live-server-amd64.iso', sizeMiB: 2645 },
  { name: 'debian-12.7.0-amd64-netinst.iso', sizeMiB: 631 },
  { name: 'alpine-virt-3.20.3-x86_64.iso', sizeMiB: 61 },
  { name: 'Fedora-Workstation-Live-x86_64-40-1.14.iso', sizeMiB: 2295 },
  { name: 'Win11_23H2_English_x64.iso', sizeMiB: 6497 },
];

const key = (name: string) => name.trim().toLocaleLowerCase('en');

export class IsoStore {
  private readonly images = new Map<string, IsoImage>();
  private nextId = 1;

  constructor(images: readonly (IsoImage | Omit<IsoImage, 'id'>)[]) {
    for (const image of images) this.add(image);
  }

  /** Ids are a counter ("iso-3"), so the same commands give the same ids; restored ids move the counter past them. */
  add(image: IsoImage | Omit<IsoImage, 'id'>): IsoImage {
    const existing = this.byName(image.name);
    if (existing) throw new AppError('CONFLICT', `An ISO image named "${existing.name}" is already registered`, 'name');
    const id = 'id' in image ? image.id : `iso-${this.nextId}`;
    const match = /^iso-(\d+)$/.exec(id);
    this.nextId = Math.max(this.nextId, match ? Number(match[1]) + 1 : this.nextId);
    const stored = { id, name: image.name.trim(), sizeMiB: image.sizeMiB };
    this.images.set(id, stored);
    return stored;
  }

  /** Registers a name a machine uses that the library does not know yet (its size unknown), returning the image. */
  ensure(name: string): IsoImage {
    return this.byName(name) ?? this.add({ name, sizeMiB: 0 });
  }

  byName(name: string): IsoImage | undefined {
    for (const image of this.images.values()) if (key(image.name) === key(name)) return image;
    return undefined;
  }

  get(id: string): IsoImage | undefined {
    return this.images.get(id);
  }

  remove(id: string): void {
    this.images.delete(id);
  }

  list(): IsoImage[] {
    return [...this.images.values()].map((image) => ({ ...image }));
  }
}
