// Warnings a fit check shows for VMMs on hosts without hardware assist or without nested paging.
import type { PlatformFacts, VerdictSink } from './kindModule.ts';

export function hardwareVmmWarnings(platform: PlatformFacts, out: VerdictSink): void {
  const host = platform.host;
  if (!host.vtx) out.warn('platform', `Host "${host.name}" has no VT-x: ${platform.name} uses binary translation for guest kernel code`);
  else if (!host.nestedPaging) {
    out.warn('platform', `Host "${host.name}" has no nested paging: every guest page fault, page-table update and address-space switch exits to maintain shadow page tables`);
  }
}
