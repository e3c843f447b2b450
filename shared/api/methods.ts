// The API method table: each method's input schema, output schema and documentation, defined once.
import { z } from 'zod';
import { hostSchema } from '../domain/host.ts';
import { fitCheckInputSchema, machineIdSchema, machineSchema, newMachineSpecSchema } from '../domain/machine.ts';
import { fitVerdictSchema } from '../domain/fitCheck.ts';
import { machineMetricsSchema, simEventSchema } from '../domain/machineMetrics.ts';
import { cloneOptionsSchema, machineConfigSchema, settingsCheckSchema, settingsPatchSchema, settingsRulesSchema } from '../domain/machineConfig.ts';
import { snapshotTreeSchema, takeSnapshotSpecSchema } from '../domain/snapshot.ts';
import { storagePoolSchema } from '../domain/storage.ts';
import { networkSpecSchema, staticIpCheckSchema, virtualNetworkSchema } from '../domain/network.ts';
import { addIsoSpecSchema, mediaListSchema } from '../domain/media.ts';
import { installPlatformSpecSchema } from '../domain/platforms.ts';
import { removalModeSchema, removalPlanSchema } from '../domain/removal.ts';
import { engineStatusSchema } from '../domain/engineStatus.ts';
import { osTypes } from '../domain/osTypes.ts';
import { libraryStatusSchema } from '../domain/library.ts';
import { kindDescriptionSchema } from '../domain/kinds.ts';
import {
  clusterOperationSchema,
  clusterSchema,
  clusterSettingsPatchSchema,
  consolidationPlanSchema,
  datacenterSchema,
  hostActionSchema,
  hostStatusSchema,
  linkLimits,
  migrationPlanSchema,
  migrationSchema,
  restartPrioritySchema,
  runReportSchema,
} from '../domain/datacenter.ts';
import {
  beginImportSchema,
  commitImportSchema,
  exportRequestSchema,
  exportResultSchema,
  importChunkBytes,
  importPreviewSchema,
  importResultSchema,
  operationIdSchema,
  uploadChunkSchema,
  uploadIdSchema,
} from '../domain/appliance.ts';
import {
  hostActivitySchema,
  telemetryHistoryRequestSchema,
  telemetryHistorySchema,
  telemetrySubscriptionReplySchema,
  telemetrySubscriptionSchema,
} from '../domain/telemetry.ts';
import { applicationMethods } from './applicationMethods.ts';
import { managerMethods } from './managerMethods.ts';
import { method } from './methodDef.ts';
import type { MethodDef } from './methodDef.ts';

export type { MethodDef } from './methodDef.ts';

const noInput = z.strictObject({});
const byId = z.strictObject({ id: machineIdSchema });
const snapshotIdSchema = z.string({ error: 'Snapshot id must be text' }).min(1, 'Choose a snapshot').max(300, 'Snapshot id is too long');
const bySnapshot = z.strictObject({ id: machineIdSchema, snapshotId: snapshotIdSchema });
const hostIdSchema = z.string({ error: 'Host id must be text' }).min(1, 'Choose a host').max(100, 'Host id is too long');
const clusterIdSchema = z.string({ error: 'Cluster id must be text' }).min(1, 'Choose a cluster').max(100, 'Cluster id is too long');
const consolidationInput = z.strictObject({
  clusterId: clusterIdSchema,
  headroomPct: z.number({ error: 'Headroom must be a number' }).min(0, 'Headroom must be at least 0 %').max(60, 'Headroom must be at most 60 %').optional(),
  percentile: z.number({ error: 'Percentile must be a number' }).int('Percentile must be a whole number').min(50, 'Percentile must be at least 50').max(99, 'Percentile must be at most 99').optional(),
});

const networkIdSchema = z.string({ error: 'Network id must be text' }).min(1, 'Choose a network').max(100);
const mediumIdSchema = z.string({ error: 'Medium id must be text' }).min(1, 'Choose a medium').max(100);

const osTypeSchema = z.object({
  id: z.string(),
  label: z.string(),
  family: z.string(),
  isa: z.string(),
  recommended: z.object({ vcpus: z.number(), memoryMiB: z.number(), diskGiB: z.number() }),
});

export const appInfoSchema = z.object({
  name: z.literal('Virtlab'),
  version: z.string(),
  transport: z.enum(['electron', 'web']),
});

export const apiMethods = {
  getAppInfo: method({ input: noInput, output: appInfoSchema, doc: 'Product name, version and which transport this client uses.' }),
  getEngineStatus: method({ input: noInput, output: engineStatusSchema, doc: 'Engine worker health, restart count and simulated time.' }),
  listOsTypes: method({
    input: noInput,
    output: z.array(osTypeSchema),
    doc: `Guest OS types with recommended vCPUs, memory and disk (${osTypes.length} entries).`,
  }),
  listHosts: method({ input: noInput, output: z.array(hostSchema), doc: 'Physical hosts with capacity and what their machines have committed.' }),
  listMachines: method({ input: noInput, output: z.array(machineSchema), doc: 'Every machine, ordered by name.' }),
  getMachine: method({ input: byId, output: machineSchema, doc: 'One machine by id; NOT_FOUND when it does not exist.' }),
  createMachine: method({
    input: newMachineSpecSchema,
    output: machineSchema,
    doc: 'Creates a powered-off machine. CONFLICT when the name is taken, INSUFFICIENT_RESOURCES when the host cannot hold it.',
  }),
  checkFit: method({
    input: fitCheckInputSchema,
    output: fitVerdictSchema,
    doc: 'Explains, before creating, whether a machine with this spec fits where it would run: verdict, reasons, what would free room, the nesting chain and green/amber zones for vCPUs and memory.',
  }),
  getMachineMetrics: method({
    input: byId,
    output: machineMetricsSchema,
    doc: "The machine's last simulated second: CPU granted with the overhead broken down by cause, ready time, memory reclaimed by each technique, disk and network rates.",
  }),
  listEvents: method({
    input: z.strictObject({
      machineId: machineIdSchema.optional(),
      hostId: z.string().max(100).optional(),
      limit: z.number().int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(500, 'Limit must be at most 500').optional(),
    }),
    output: z.array(simEventSchema),
    doc: 'Event log (state changes, refusals with reasons, memory reclamation) from the lasting journal, newest last; filtered by machine or host; 100 entries unless `limit` says otherwise.',
  }),
  startMachine: method({ input: byId, output: machineSchema, doc: 'Powers a machine on (PoweredOff → Starting → Running).' }),
  pauseMachine: method({ input: byId, output: machineSchema, doc: 'Pauses a running machine; its vCPUs stop being scheduled.' }),
  resumeMachine: method({ input: byId, output: machineSchema, doc: 'Resumes a paused machine.' }),
  stopMachine: method({
    input: byId,
    output: machineSchema,
    doc: 'Asks the guest to shut down the way its kind does (ACPI power button, SIGTERM, exit; → Stopping → PoweredOff). INVALID_STATE on field "shutdown", with the reason, when the guest ignores it (no ACPI support, busy); Power Off then works.',
  }),
  powerOffMachine: method({ input: byId, output: machineSchema, doc: 'Cuts the power at once (a container gets SIGKILL): → PoweredOff, whatever the guest was doing.' }),
  resetMachine: method({ input: byId, output: machineSchema, doc: 'Hard reset of a running or paused machine: its memory is lost and it boots again (→ Starting → Running).' }),
  saveMachineState: method({
    input: byId,
    output: machineSchema,
    doc: 'Writes the memory the machine uses to a file in its host\'s pool (that much disk space) and leaves it Saved; starting it resumes from there. INSUFFICIENT_RESOURCES when the pool has no room.',
  }),
  discardSavedState: method({ input: byId, output: machineSchema, doc: 'Forgets a Saved machine\'s memory (its file is freed); it is Powered Off and its next start boots.' }),
  deleteMachine: method({
    input: z.strictObject({ id: machineIdSchema, mode: removalModeSchema.optional() }),
    output: z.object({ id: z.string(), freedMiB: z.number().optional(), removed: z.array(z.string()).optional() }),
    doc: 'Removes a powered-off (or Saved) machine: deleteAll (default) deletes its files, removeOnly keeps its disk files as orphaned media, deleteWithClones deletes its linked clones too. Returns the space freed and every machine removed.',
  }),
  planRemoval: method({
    input: byId,
    output: removalPlanSchema,
    doc: 'What each way of removing a machine would free (exactly what the pools will show), the linked clones that depend on it, and what is refused now.',
  }),
  getMachineConfig: method({
    input: byId,
    output: machineConfigSchema,
    doc: "A machine's disk (allocation, differencing chain, space it owns), network adapters with their IPs, optical drive, clone origin and snapshot count.",
  }),
  getSettingsRules: method({
    input: byId,
    output: settingsRulesSchema,
    doc: 'Per settings field: whether it can change now and, if not, why (e.g. "Power off "x" to change memory"), whether it changes live, and its bounds.',
  }),
  checkSettings: method({
    input: z.strictObject({ id: machineIdSchema, patch: settingsPatchSchema }),
    output: settingsCheckSchema,
    doc: 'What updateSettings would answer for this patch, without changing anything: the first refusal (code, message, field) or none. The settings dialog asks as the user types.',
  }),
  updateSettings: method({
    input: z.strictObject({ id: machineIdSchema, patch: settingsPatchSchema }),
    output: machineSchema,
    doc: "Changes a machine's configuration under the engine's rules; a refused patch changes nothing.",
  }),
  listSnapshots: method({ input: byId, output: snapshotTreeSchema, doc: 'The snapshot tree with the Current State marker and the space each snapshot uses.' }),
  takeSnapshot: method({
    input: z.strictObject({ id: machineIdSchema, spec: takeSnapshotSpecSchema }),
    output: snapshotTreeSchema,
    doc: 'Takes a snapshot (name, description, optionally the memory state of a running machine); its differencing disk starts empty.',
  }),
  restoreSnapshot: method({ input: bySnapshot, output: snapshotTreeSchema, doc: 'Restores a powered-off machine to a snapshot; the Current State marker moves there.' }),
  deleteSnapshot: method({
    input: bySnapshot,
    output: snapshotTreeSchema.extend({ freedMiB: z.number() }),
    doc: 'Deletes a snapshot, merging its differencing disk into its child; reports the space reclaimed.',
  }),
  cloneMachine: method({
    input: z.strictObject({ id: machineIdSchema, options: cloneOptionsSchema }),
    output: machineSchema,
    doc: 'Full or linked clone (a linked clone takes a snapshot first when needed), with the states, MAC policy and IP chosen.',
  }),
  listStorage: method({ input: noInput, output: z.array(storagePoolSchema), doc: 'Storage pools per host with capacity, used space and the images in them.' }),
  listNetworks: method({ input: noInput, output: z.array(virtualNetworkSchema), doc: 'Virtual networks (NAT per host, bridged, host-only, internal) with subnets, DHCP ranges, leases and static addresses.' }),
  createNetwork: method({
    input: networkSpecSchema,
    output: virtualNetworkSchema,
    doc: 'Adds a NAT (on one host), host-only or internal network. VALIDATION naming the field when its addresses do not fit together; CONFLICT for a taken name or an overlapping subnet.',
  }),
  updateNetwork: method({
    input: z.strictObject({ networkId: networkIdSchema, spec: networkSpecSchema }),
    output: virtualNetworkSchema,
    doc: 'Changes a network under the same rules; refused when a static address no longer fits; DHCP leases outside a new range are renewed.',
  }),
  deleteNetwork: method({ input: z.strictObject({ networkId: networkIdSchema }), output: z.object({ networkId: z.string() }), doc: 'Deletes a network no adapter uses.' }),
  checkStaticIp: method({
    input: z.strictObject({ networkId: networkIdSchema, ip: z.string().max(100), machineId: machineIdSchema.optional() }),
    output: staticIpCheckSchema,
    doc: "Whether a static address may be used on a network now (the engine's rule: in the subnet, not reserved, held by no other machine), for the UI to show while it is typed. Changes nothing.",
  }),
  installPlatform: method({
    input: installPlatformSpecSchema,
    output: z.array(hostSchema),
    doc: 'Installs a platform (a type 1 or KVM-like hypervisor in a partition, an application VMM on a host OS) where the nesting rules allow; refused with the reason otherwise. Returns the hosts with their platforms.',
  }),
  listMedia: method({ input: noInput, output: mediaListSchema, doc: 'The Media Manager: virtual disks (size, allocation, users, chains, linked clones, orphans), ISO images and host drives.' }),
  addIsoImage: method({ input: addIsoSpecSchema, output: mediaListSchema, doc: 'Registers an ISO image (name and size) in the library.' }),
  removeMedium: method({
    input: z.strictObject({ mediumId: mediumIdSchema }),
    output: mediaListSchema.extend({ freedMiB: z.number() }),
    doc: 'Removes an ISO image no drive holds, or an orphaned disk image (with the orphaned images built on it); returns the space freed.',
  }),
  releaseMedium: method({ input: z.strictObject({ mediumId: mediumIdSchema }), output: mediaListSchema, doc: 'Ejects an ISO image from every machine that has it in its drive.' }),
  compactDisk: method({
    input: z.strictObject({ diskId: mediumIdSchema }),
    output: mediaListSchema.extend({ freedMiB: z.number() }),
    doc: 'Compacts a dynamically allocated disk image no running machine uses: the blocks of deleted files go back to the pool.',
  }),
  listKinds: method({
    input: noInput,
    output: z.array(kindDescriptionSchema),
    doc: 'Every kind of virtualization the engine simulates: label, summary, icon, which settings its machines have, memory techniques, I/O paths, MAC prefix, how it moves.',
  }),
  checkMigration: method({
    input: z.strictObject({ id: machineIdSchema, platformId: z.string().min(1, 'Choose a platform').max(100) }),
    output: fitVerdictSchema,
    doc: 'Whether a machine can move to another platform now, with every reason (kind, hardware assist, devices, capacity); changes nothing.',
  }),
  migrateMachine: method({
    input: z.strictObject({ id: machineIdSchema, platformId: z.string().min(1, 'Choose a platform').max(100) }),
    output: machineSchema,
    doc: 'Moves a machine, running or powered off, to another platform of its kind; its disks follow to the target host. Refused with the reason otherwise.',
  }),
  getDatacenter: method({
    input: noInput,
    output: datacenterSchema,
    doc: 'Clusters and their settings, every host with its power state (on, off, maintenance, failed), migration link, watts, energy and load, running and recent migrations, cluster operations.',
  }),
  planMigration: method({
    input: byId,
    output: migrationPlanSchema,
    doc: 'Where a machine can go: every other host with a platform of its kind, the fit check (refusals with reasons) and the predicted total time, downtime and rounds; changes nothing.',
  }),
  startMigration: method({
    input: z.strictObject({
      id: machineIdSchema,
      platformId: z.string({ error: 'Platform id must be text' }).min(1, 'Choose a platform').max(100),
      maxRounds: z.number({ error: 'Round limit must be a number' }).int('Round limit must be a whole number').min(1, 'Round limit must be at least 1').max(100, 'Round limit must be at most 100').optional(),
      maxDowntimeMs: z.number({ error: 'Downtime goal must be a number' }).min(1, 'Downtime goal must be at least 1 ms').max(10_000, 'Downtime goal must be at most 10,000 ms').optional(),
    }),
    output: migrationSchema,
    doc: 'Starts moving a machine to another host: pre-copy live migration while it runs (a container by checkpoint/restore), a cold move when powered off; disks are copied first unless storage is shared. Refused with the reason before anything starts.',
  }),
  cancelMigration: method({
    input: z.strictObject({ migrationId: z.string({ error: 'Migration id must be text' }).min(1).max(100) }),
    output: migrationSchema,
    doc: 'Stops a running migration; the machine carries on where it was.',
  }),
  planConsolidation: method({
    input: consolidationInput,
    output: consolidationPlanSchema,
    doc: "Packs a cluster's guests on as few hosts as their measured demand (a percentile, with headroom) allows: the moves, the hosts that empty, utilisation and power before and after; changes nothing.",
  }),
  consolidateCluster: method({
    input: consolidationInput,
    output: clusterOperationSchema,
    doc: 'Plans and runs a consolidation: live migrations one after another, then the emptied hosts are powered off. Progress arrives in datacenterChanged events.',
  }),
  balanceCluster: method({
    input: z.strictObject({ clusterId: clusterIdSchema }),
    output: z.object({ decisions: z.array(z.string()) }),
    doc: 'One balancing pass now: each host above the threshold moves a guest to a less-loaded host; every decision says why.',
  }),
  hostAction: method({
    input: z.strictObject({ hostId: hostIdSchema, action: hostActionSchema }),
    output: z.object({ host: hostStatusSchema, operation: clusterOperationSchema.optional() }),
    doc: 'maintenance (evacuates every guest; no new ones until it leaves), exitMaintenance, fail (abrupt power loss: its guests become Aborted; HA restarts them if on), powerOn, powerOff (only an empty host).',
  }),
  updateCluster: method({
    input: z.strictObject({ clusterId: clusterIdSchema, patch: clusterSettingsPatchSchema }),
    output: clusterSchema,
    doc: "Changes a cluster's storage (shared or local), HA (on, admission control, failures to tolerate), balancing (on, threshold, time above it) and consolidation (headroom, percentile).",
  }),
  setHostLink: method({
    input: z.strictObject({
      hostId: hostIdSchema,
      gbps: z.number({ error: 'Bandwidth must be a number' }).min(linkLimits.minGbps, `Bandwidth must be at least ${linkLimits.minGbps} Gbit/s`).max(linkLimits.maxGbps, `Bandwidth must be at most ${linkLimits.maxGbps} Gbit/s`),
    }),
    output: hostStatusSchema,
    doc: "Sets the bandwidth of a host's migration network link (10 Gbit/s by default).",
  }),
  setRestartPriority: method({
    input: z.strictObject({ id: machineIdSchema, priority: restartPrioritySchema }),
    output: z.object({ id: z.string(), priority: restartPrioritySchema }),
    doc: 'The order HA restarts a machine in after its host fails: high, medium (default), low, or disabled.',
  }),
  getRunReport: method({
    input: z.strictObject({
      clusterId: clusterIdSchema,
      fromMs: z.number({ error: 'Start must be a number' }).nonnegative('Start must not be negative').optional(),
      toMs: z.number({ error: 'End must be a number' }).nonnegative('End must not be negative').optional(),
    }),
    output: runReportSchema,
    doc: 'A cluster over a time range of simulated time (the whole run by default): availability per guest, HA restart times, migrations with their downtime, energy per host.',
  }),
  setTelemetrySubscription: method({
    input: telemetrySubscriptionSchema,
    output: telemetrySubscriptionReplySchema,
    doc: "Replaces this client's telemetry subscription: groups of machines and metrics; only these values are streamed to it, batched, as typed arrays.",
  }),
  getTelemetryHistory: method({
    input: telemetryHistoryRequestSchema,
    output: telemetryHistorySchema,
    doc: "A machine's recorded samples for a range (1 min, 10 min, 1 h, all): 1 s resolution while it fits `maxPoints`, else min/max/avg buckets.",
  }),
  getHostActivity: method({
    input: noInput,
    output: z.array(hostActivitySchema),
    doc: 'Per host: per-core utilisation, memory committed vs physical (overcommit), storage used and the busiest guests.',
  }),
  getLibraryStatus: method({
    input: noInput,
    output: libraryStatusSchema,
    doc: 'The library folder, how many machines loaded, and files that could not be loaded (quarantined, with the reason).',
  }),
  exportMachines: method({
    input: exportRequestSchema,
    output: exportResultSchema,
    doc: 'Exports machines as OVA, OVF (descriptor + manifest) or plain JSON; returns the files (base64). Sends operationProgress events while it runs.',
  }),
  beginImport: method({
    input: beginImportSchema,
    output: z.object({ uploadId: z.string(), chunkBytes: z.number() }),
    doc: `Starts uploading an .ova/.ovf for import; send it with uploadImportChunk in order, at most ${importChunkBytes} bytes a chunk.`,
  }),
  uploadImportChunk: method({
    input: uploadChunkSchema,
    output: z.object({ receivedBytes: z.number() }),
    doc: 'Appends one chunk at `offset` (must equal the bytes received so far).',
  }),
  readImport: method({
    input: z.strictObject({ uploadId: uploadIdSchema, operationId: operationIdSchema.optional() }),
    output: importPreviewSchema,
    doc: 'Checks the uploaded appliance (structure, manifest digests, limits) and returns what would be imported, clamped to fit, with warnings. Writes nothing.',
  }),
  commitImport: method({
    input: commitImportSchema,
    output: importResultSchema,
    doc: 'Creates the chosen machines from the previewed appliance with the edited values; all or nothing. Ends the upload.',
  }),
  cancelImport: method({
    input: z.strictObject({ uploadId: uploadIdSchema }),
    output: z.object({ uploadId: z.string() }),
    doc: 'Drops an upload and its temporary file.',
  }),
  ...applicationMethods,
  ...managerMethods,
} as const satisfies Record<string, MethodDef>;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
export const methodNames = Object.keys(apiMethods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}

export type MethodInput<M extends MethodName> = z.input<ApiMethods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<ApiMethods[M]['output']>;

/** The application API as clients see it: one async function per method. */
export type AppApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };
