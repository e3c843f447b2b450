// Input checks for engine commands: the backend validated already, but the worker boundary must never trust a message.
import { z } from 'zod';
import { AppError, validationErrorFrom } from '../shared/errors.ts';
import { lifecycleActions } from '../shared/domain/machineState.ts';
import { fitCheckInputSchema, newMachineSpecSchema } from '../shared/domain/machine.ts';
import { machineRecordSchema } from '../shared/domain/machineRecord.ts';
import type { BatchStepCommand, EngineCommandName, EngineInput } from '../shared/engine/protocol.ts';
import { labelPatchSchema } from '../shared/domain/machineLabels.ts';
import { cloneOptionsSchema, settingsPatchSchema } from '../shared/domain/machineConfig.ts';
import { nicLimits, nicSpecSchema, opticalDriveSchema } from '../shared/domain/network.ts';
import { takeSnapshotSpecSchema } from '../shared/domain/snapshot.ts';
import { engineInventorySchema } from '../shared/domain/engineInventory.ts';
import { addIsoSpecSchema } from '../shared/domain/media.ts';
import { networkSpecSchema } from '../shared/domain/network.ts';
import { installPlatformSpecSchema } from '../shared/domain/platforms.ts';
import { removalModeSchema } from '../shared/domain/removal.ts';
import { applianceDiskLimits, applianceDiskSchema, diskAllocationSchema } from '../shared/domain/storage.ts';
import { clusterSettingsPatchSchema, datacenterSettingsSchema, hostActionSchema, linkLimits, restartPrioritySchema } from '../shared/domain/datacenter.ts';
import { preCopyLimits } from './sim/cluster/preCopyModel.ts';
import { applicationRecordSchema } from '../shared/domain/applicationRecord.ts';
import { applicationCommandSchemas } from './orchestration/applicationCommandSchemas.ts';

/** Commands the Engine itself answers; `crash` belongs to the worker. */
export type EngineCoreCommand = Exclude<EngineCommandName, 'crash'>;

/** Fastest simulated-time multiplier the real-time loop accepts. */
export const maxSpeed = 1000;

/** Most machines one labelling or batch command takes. */
export const maxBatch = 10_000;
const batchCommands = ['lifecycle', 'takeSnapshot', 'deleteMachine'] as const satisfies readonly BatchStepCommand[];

const machineId = z.string({ error: 'Machine id must be a string' }).min(1, 'Machine id must not be empty');
const itemId = (label: string) => z.string({ error: `${label} must be a string` }).min(1, `${label} must not be empty`).max(100);
const noInput = z.unknown();

const snapshotId = z.string({ error: 'Snapshot id must be a string' }).min(1, 'Snapshot id must not be empty').max(100);
const byIdAndSnapshot = z.object({ id: machineId, snapshotId });

const hostId = z.string({ error: 'hostId must be a string' }).min(1, 'Choose a host').max(100);
const clusterId = z.string({ error: 'clusterId must be a string' }).min(1, 'Choose a cluster').max(100);
const consolidation = z.object({
  clusterId,
  headroomPct: z.number({ error: 'headroomPct must be a number' }).min(0).max(60).optional(),
  percentile: z.number({ error: 'percentile must be a number' }).int().min(50).max(99).optional(),
});

export const engineInputSchemas = {
  init: z.object({
    seed: z.number({ error: 'seed must be a number' }).int('seed must be a whole number'),
    speed: z
      .number({ error: 'speed must be a number' })
      .positive('speed must be greater than 0')
      .max(maxSpeed, `speed must be at most ${maxSpeed}`),
    machines: z.array(machineRecordSchema, { error: 'machines must be a list of machine records' }),
    applications: z.array(applicationRecordSchema, { error: 'applications must be a list of application records' }).optional(),
    inventory: engineInventorySchema.optional(),
    startMs: z.number({ error: 'startMs must be a number' }).int('startMs must be a whole number').nonnegative().multipleOf(1000, 'startMs must be a whole second').optional(),
    skipInvalid: z.boolean({ error: 'skipInvalid must be true or false' }).optional(),
    datacenter: datacenterSettingsSchema.optional(),
  }),
  listHosts: noInput,
  getHostActivity: noInput,
  listMachines: noInput,
  getMachine: z.object({ id: machineId }),
  createMachine: z.object({
    id: machineId,
    spec: newMachineSpecSchema,
    options: z
      .strictObject({
        diskAllocation: diskAllocationSchema.optional(),
        nics: z.array(nicSpecSchema).min(1, 'A machine needs at least one network adapter').max(nicLimits.max, `A machine has at most ${nicLimits.max} network adapters`).optional(),
        optical: opticalDriveSchema.optional(),
        disks: z.array(applianceDiskSchema).max(applianceDiskLimits.max).optional(),
      })
      .optional(),
  }),
  lifecycle: z.object({ id: machineId, action: z.enum(lifecycleActions, { error: `action must be one of ${lifecycleActions.join(', ')}` }) }),
  deleteMachine: z.object({ id: machineId, mode: removalModeSchema.optional() }),
  planRemoval: z.object({ id: machineId }),
  getInventory: noInput,
  createNetwork: z.object({ networkId: itemId('networkId'), spec: networkSpecSchema }),
  updateNetwork: z.object({ networkId: itemId('networkId'), spec: networkSpecSchema }),
  deleteNetwork: z.object({ networkId: itemId('networkId') }),
  checkStaticIp: z.object({ networkId: itemId('networkId'), ip: z.string({ error: 'ip must be text' }).max(100), machineId: machineId.optional() }),
  installPlatform: z.object({ platformId: itemId('platformId'), spec: installPlatformSpecSchema }),
  listMedia: noInput,
  addIsoImage: z.object({ spec: addIsoSpecSchema }),
  removeMedium: z.object({ mediumId: itemId('mediumId') }),
  releaseMedium: z.object({ mediumId: itemId('mediumId') }),
  compactDisk: z.object({ diskId: itemId('diskId') }),
  checkFit: fitCheckInputSchema,
  getMetrics: z.object({ id: machineId }),
  listEvents: z.object({
    machineId: machineId.optional(),
    hostId: z.string({ error: 'hostId must be a string' }).max(100).optional(),
    limit: z.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1).max(500).optional(),
  }),
  getClock: noInput,
  getMachineConfig: z.object({ id: machineId }),
  listKinds: noInput,
  checkMigration: z.object({ id: machineId, platformId: z.string({ error: 'platformId must be a string' }).min(1).max(100) }),
  migrateMachine: z.object({ id: machineId, platformId: z.string({ error: 'platformId must be a string' }).min(1).max(100) }),
  takeSnapshot: z.object({ id: machineId, snapshotId, spec: takeSnapshotSpecSchema }),
  restoreSnapshot: byIdAndSnapshot,
  deleteSnapshot: byIdAndSnapshot,
  listSnapshots: z.object({ id: machineId }),
  cloneMachine: z.object({ id: machineId, cloneId: machineId, options: cloneOptionsSchema }),
  updateSettings: z.object({ id: machineId, patch: settingsPatchSchema }),
  getSettingsRules: z.object({ id: machineId }),
  checkSettings: z.object({ id: machineId, patch: settingsPatchSchema }),
  listStorage: noInput,
  listNetworks: noInput,
  getDatacenter: noInput,
  planMigration: z.object({ id: machineId }),
  startMigration: z.object({
    id: machineId,
    platformId: z.string({ error: 'platformId must be a string' }).min(1).max(100),
    maxRounds: z.number({ error: 'maxRounds must be a number' }).int().min(preCopyLimits.maxRounds.min).max(preCopyLimits.maxRounds.max).optional(),
    maxDowntimeMs: z.number({ error: 'maxDowntimeMs must be a number' }).min(preCopyLimits.maxDowntimeMs.min).max(preCopyLimits.maxDowntimeMs.max).optional(),
  }),
  cancelMigration: z.object({ migrationId: z.string({ error: 'migrationId must be a string' }).min(1).max(100) }),
  planConsolidation: consolidation,
  consolidate: consolidation,
  balanceCluster: z.object({ clusterId }),
  hostAction: z.object({ hostId, action: hostActionSchema }),
  updateCluster: z.object({ clusterId, patch: clusterSettingsPatchSchema }),
  setHostLink: z.object({ hostId, gbps: z.number({ error: 'gbps must be a number' }).min(linkLimits.minGbps).max(linkLimits.maxGbps) }),
  setRestartPriority: z.object({ id: machineId, priority: restartPrioritySchema }),
  getRunReport: z.object({
    clusterId,
    fromMs: z.number({ error: 'fromMs must be a number' }).nonnegative().optional(),
    toMs: z.number({ error: 'toMs must be a number' }).nonnegative().optional(),
  }),
  ...applicationCommandSchemas,
  labelMachines: z.object({ ids: z.array(machineId).min(1, 'Choose at least one machine').max(maxBatch, `At most ${maxBatch} machines at once`), patch: labelPatchSchema }),
  batch: z.object({
    steps: z
      .array(z.object({ command: z.enum(batchCommands, { error: `command must be one of ${batchCommands.join(', ')}` }), input: z.unknown() }))
      .max(maxBatch, `At most ${maxBatch} operations in one batch`),
  }),
} as const satisfies Record<EngineCoreCommand, z.ZodType>;

const coreCommandNames = Object.keys(engineInputSchemas) as EngineCoreCommand[];

export function isEngineCoreCommand(name: unknown): name is EngineCoreCommand {
  return typeof name === 'string' && (coreCommandNames as string[]).includes(name);
}

/** Parsed input for `command`, or a VALIDATION AppError naming the offending field. */
export function parseEngineInput<C extends EngineCoreCommand>(command: C, input: unknown): EngineInput<C> {
  const schema: z.ZodType = engineInputSchemas[command];
  const result = schema.safeParse(input);
  if (!result.success) throw validationErrorFrom(result.error);
  return result.data as EngineInput<C>;
}

/** BAD_REQUEST for a command name the engine does not know. */
export function unknownCommandError(command: unknown): AppError {
  const shown = typeof command === 'string' ? `"${command.slice(0, 100)}"` : `of type ${typeof command}`;
  return new AppError('BAD_REQUEST', `Unknown engine command ${shown}; expected one of: ${coreCommandNames.join(', ')}, crash`);
}
