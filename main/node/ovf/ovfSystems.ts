// Finds every VirtualSystem of a descriptor with the vApp (VirtualSystemCollection) it belongs to, and checks their ids.
import { applianceLimits, importSourceIdMaxLength } from '../../../shared/domain/appliance.ts';
import { AppError } from '../../../shared/errors.ts';
import { describeCharacter, unsafeCharacters, visible } from './displayText.ts';
import { ns } from './ovfNamespaces.ts';
import { attr, firstChild } from './xmlTree.ts';
import type { XElement } from './xmlTree.ts';

const envelopeSpaces = [ns.ovf1, ns.ovf2];

/** Sized so an export of the most machines Virtlab writes at once (500) comes back in. */
export const systemLimits = { maxVirtualSystems: applianceLimits.maxImportSystems, maxCollectionDepth: 4 } as const;

export interface FoundSystem {
  readonly element: XElement;
  readonly id: string;
  /** "outer/inner" path of the collections around it, as VirtualBox writes nested groups; absent at top level. */
  readonly group?: string;
}

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

const shortened = (id: string): string => visible(id.length > 40 ? `${id.slice(0, 40)}…` : id);

/** ovf:Name, else ovf:id; control characters made visible, kept to a valid group name. */
function collectionName(collection: XElement): string | undefined {
  const raw = firstChild(collection, envelopeSpaces, 'Name')?.text || attr(collection, envelopeSpaces, 'id');
  if (!raw) return undefined;
  const name = visible(raw).replace(/\//g, '-').trim().slice(0, 100);
  return name === '' ? undefined : name;
}

function checkId(id: string, what: string): string {
  const controls = unsafeCharacters(id);
  if (controls.length > 0) fail(`${what} id "${shortened(id)}" contains ${controls.map(describeCharacter).join(', ')}; refused`);
  if (id.length > importSourceIdMaxLength) fail(`${what} id "${shortened(id)}" is ${id.length} characters long; at most ${importSourceIdMaxLength} are accepted`);
  return id;
}

function collect(content: XElement, group: string | undefined, found: FoundSystem[], depth: number): void {
  if (depth > systemLimits.maxCollectionDepth) fail(`VirtualSystemCollections are nested too deeply (at most ${systemLimits.maxCollectionDepth} levels)`);
  for (const child of content.children) {
    if (!envelopeSpaces.includes(child.ns as never)) continue;
    if (child.local === 'VirtualSystem') {
      const id = checkId(attr(child, envelopeSpaces, 'id') ?? fail('A VirtualSystem has no ovf:id'), 'VirtualSystem');
      found.push({ element: child, id, ...(group === undefined ? {} : { group }) });
    } else if (child.local === 'VirtualSystemCollection') {
      const name = collectionName(child);
      const path = name === undefined ? group : group === undefined ? name : `${group}/${name}`;
      collect(child, path?.slice(0, 200), found, depth + 1);
    }
    if (found.length > systemLimits.maxVirtualSystems) fail(`The descriptor has more than ${systemLimits.maxVirtualSystems} VirtualSystems`);
  }
}

/** Every VirtualSystem in document order; throws when one has no usable id or two share one (commit needs them unique). */
export function findSystems(envelope: XElement): FoundSystem[] {
  const found: FoundSystem[] = [];
  collect(envelope, undefined, found, 0);
  if (found.length === 0) fail('The descriptor contains no VirtualSystem');
  const seen = new Set<string>();
  for (const system of found) {
    if (seen.has(system.id)) fail(`Two VirtualSystems have the id "${shortened(system.id)}"; each needs its own ovf:id, so the file cannot be imported`);
    seen.add(system.id);
  }
  return found;
}
