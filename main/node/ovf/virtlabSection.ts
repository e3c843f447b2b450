// Virtlab's OVF extension (vl:VirtlabSection): kind, platform, workload, NIC networks, optical drive and a snapshots summary.
import { z } from 'zod';
import { osTypeIdSchema } from '../../../shared/domain/osTypes.ts';
import { groupNameSchema } from '../../../shared/domain/machine.ts';
import { expiryDateSchema, ownerSchema, purposeSchema, tagsSchema } from '../../../shared/domain/machineLabels.ts';
import { platformKindSchema, workloadSchema } from '../../../shared/domain/virtualization.ts';
import { diskAllocationSchema } from '../../../shared/domain/storage.ts';
import { nicConfigSchema, opticalDriveSchema } from '../../../shared/domain/network.ts';
import { AppError } from '../../../shared/errors.ts';
import { ns } from './ovfNamespaces.ts';
import { attr, childrenOf, firstChild } from './xmlTree.ts';
import type { XElement } from './xmlTree.ts';

const snapshotSummarySchema = z.object({
  name: z.string().max(128),
  takenAtMs: z.number().finite(),
  withMemory: z.boolean(),
  current: z.boolean(),
});

/**
 * Exports list at most `listedSnapshots` snapshot summaries per machine (the newest, with the current one) and give the
 * total in `count`, so a machine with thousands of snapshots still makes a descriptor the importer accepts.
 */
export const virtlabSectionLimits = { listedSnapshots: 20, readSnapshots: 1000 } as const;

export const virtlabSectionSchema = z.object({
  osType: osTypeIdSchema,
  group: groupNameSchema.optional(),
  kind: platformKindSchema.optional(),
  platformId: z.string().min(1).max(100),
  hostId: z.string().min(1).max(100),
  workload: workloadSchema,
  diskAllocation: diskAllocationSchema,
  nics: z.array(nicConfigSchema).max(8),
  optical: opticalDriveSchema,
  snapshots: z.array(snapshotSummarySchema).max(virtlabSectionLimits.readSnapshots),
  /** How many snapshots the machine had (more than `snapshots` lists when it had many). */
  snapshotCount: z.number().int().nonnegative(),
  /** The sprawl ledger's labels: who owns it, what for, its tags and expiry date. */
  owner: ownerSchema.optional(),
  purpose: purposeSchema.optional(),
  tags: tagsSchema.optional(),
  expiresOn: expiryDateSchema.optional(),
  /** Its family: the machine (and snapshot) it was cloned from, by name (ids mean nothing in another library). */
  origin: z
    .object({ machineName: z.string().max(200), snapshotName: z.string().max(200).optional(), mode: z.enum(['full', 'linked']) })
    .optional(),
});
export type VirtlabSection = z.infer<typeof virtlabSectionSchema>;

type BuilderNode = Record<string, unknown>;

/** Builder object for the section; placed where the DMTF schema allows foreign elements (end of VirtualHardwareSection). */
export function virtlabSectionXml(section: VirtlabSection): BuilderNode {
  const optical: BuilderNode = { '@_kind': section.optical.kind };
  if (section.optical.kind === 'iso') optical['@_image'] = section.optical.image;
  const machine: BuilderNode = {
    '@_osType': section.osType,
    '@_platformId': section.platformId,
    '@_hostId': section.hostId,
    '@_workload': section.workload,
    '@_diskAllocation': section.diskAllocation,
  };
  if (section.kind) machine['@_kind'] = section.kind;
  if (section.group !== undefined) machine['@_group'] = section.group;
  const labels: BuilderNode = {};
  if (section.owner !== undefined) labels['@_owner'] = section.owner;
  if (section.purpose !== undefined) labels['@_purpose'] = section.purpose;
  if (section.expiresOn !== undefined) labels['@_expiresOn'] = section.expiresOn;
  if (section.tags && section.tags.length > 0) labels['vl:Tag'] = section.tags.map((tag) => ({ '@_name': tag }));
  const origin: BuilderNode | undefined = section.origin
    ? { '@_machineName': section.origin.machineName, '@_mode': section.origin.mode, ...(section.origin.snapshotName === undefined ? {} : { '@_snapshotName': section.origin.snapshotName }) }
    : undefined;
  const current = section.snapshots.filter((s) => s.current);
  const newest = section.snapshots.filter((s) => !s.current).slice(-(virtlabSectionLimits.listedSnapshots - current.length));
  const listed = section.snapshots.filter((s) => current.includes(s) || newest.includes(s));
  return {
    '@_ovf:required': 'false',
    '@_vl:version': '1',
    'vl:Info': 'Virtlab settings (kind of virtualization, workload, networks, snapshots summary)',
    'vl:Machine': machine,
    'vl:Nic': section.nics.map((nic) => ({
      '@_slot': String(nic.slot),
      '@_attachment': nic.attachment,
      '@_networkId': nic.networkId,
      '@_mac': nic.mac,
      '@_ipMode': nic.ipMode,
      '@_ip': nic.ip,
    })),
    'vl:Optical': optical,
    ...(Object.keys(labels).length > 0 ? { 'vl:Labels': labels } : {}),
    ...(origin ? { 'vl:Origin': origin } : {}),
    'vl:Snapshots': {
      '@_count': String(section.snapshotCount),
      'vl:Snapshot': listed.map((s) => ({
        '@_name': s.name,
        '@_takenAtMs': String(s.takenAtMs),
        '@_withMemory': String(s.withMemory),
        '@_current': String(s.current),
      })),
    },
  };
}

function attrs(element: XElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of element?.attrs ?? []) if (a.ns === '') out[a.local] = a.value;
  return out;
}

/** Reads the section back; a damaged section is reported rather than half-applied. */
export function readVirtlabSection(element: XElement): VirtlabSection {
  const version = attr(element, ns.vl, 'version');
  if (version !== '1') throw new AppError('VALIDATION', `VirtlabSection version "${version ?? ''}" is not supported (expected 1)`);
  const machine = attrs(firstChild(element, ns.vl, 'Machine'));
  const optical = attrs(firstChild(element, ns.vl, 'Optical'));
  const snapshots = firstChild(element, ns.vl, 'Snapshots');
  const labelsElement = firstChild(element, ns.vl, 'Labels');
  const labels = attrs(labelsElement);
  const tags = labelsElement ? childrenOf(labelsElement, ns.vl, 'Tag').map((tag) => attrs(tag).name) : [];
  const origin = attrs(firstChild(element, ns.vl, 'Origin'));
  const candidate = {
    osType: machine.osType,
    group: machine.group,
    kind: machine.kind,
    platformId: machine.platformId,
    hostId: machine.hostId,
    workload: machine.workload,
    diskAllocation: machine.diskAllocation,
    nics: childrenOf(element, ns.vl, 'Nic').map((nic) => {
      const a = attrs(nic);
      return { slot: Number(a.slot), attachment: a.attachment, networkId: a.networkId, mac: a.mac, ipMode: a.ipMode, ip: a.ip };
    }),
    optical: optical.kind === 'iso' ? { kind: 'iso', image: optical.image } : { kind: optical.kind },
    snapshots: (snapshots ? childrenOf(snapshots, ns.vl, 'Snapshot') : []).map((snap) => {
      const a = attrs(snap);
      return { name: a.name, takenAtMs: Number(a.takenAtMs), withMemory: a.withMemory === 'true', current: a.current === 'true' };
    }),
    snapshotCount: 0,
    owner: labels.owner,
    purpose: labels.purpose,
    tags: tags.length > 0 ? tags : undefined,
    expiresOn: labels.expiresOn,
    origin: origin.machineName === undefined ? undefined : { machineName: origin.machineName, snapshotName: origin.snapshotName, mode: origin.mode },
  };
  const stated = Number(snapshots ? attrs(snapshots).count : 0);
  candidate.snapshotCount = Math.max(candidate.snapshots.length, Number.isSafeInteger(stated) && stated > 0 ? stated : 0);
  const parsed = virtlabSectionSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', `VirtlabSection is damaged at ${issue?.path.join('.') || 'its root'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
