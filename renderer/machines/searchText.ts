// What a search looks at for one machine (name, OS, kind, host, IP, MAC, tags, owner, purpose, group), lower-cased once and cached.
import type { Machine } from '../../shared/domain/machine.ts';

export interface Labels {
  os(id: string): string;
  kind(kind: string): string;
  host(id: string): string;
}

/** Cached per machine object: a batch replaces the objects that changed, so stale text never survives a change. */
let cache = new WeakMap<Machine, string>();
let cachedFor: Labels | null = null;

export function searchTextOf(machine: Machine, labels: Labels): string {
  if (cachedFor !== labels) {
    cache = new WeakMap();
    cachedFor = labels;
  }
  let text = cache.get(machine);
  if (text === undefined) {
    text = [
      machine.name,
      labels.os(machine.osType),
      machine.osType,
      labels.kind(machine.kind),
      machine.kind,
      labels.host(machine.hostId),
      machine.nic.ip ?? '',
      machine.nic.mac,
      machine.nic.mac.replace(/:/g, ''),
      ...(machine.tags ?? []).map((tag) => `#${tag}`),
      machine.owner ?? '',
      machine.purpose ?? '',
      machine.group ?? '',
    ]
      .join('\n')
      // English has no special casing rules, so the plain (much faster) lower-casing gives the same text.
      .toLowerCase();
    cache.set(machine, text);
  }
  return text;
}

/** Every word must appear somewhere; "#web" matches the tag web only. */
export function searchWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

export function matchesWords(machine: Machine, words: readonly string[], labels: Labels): boolean {
  if (words.length === 0) return true;
  const text = searchTextOf(machine, labels);
  for (const word of words) if (!text.includes(word)) return false;
  return true;
}
