// Creates the chosen machines of a previewed appliance: every choice checked first, then all created or none.
import { randomUUID } from 'node:crypto';
import type { ImportChoice, ImportResult, ImportSystem } from '../../../shared/domain/appliance.ts';
import { machineNameKey } from '../../../shared/domain/machine.ts';
import type { Machine, NewMachineSpec } from '../../../shared/domain/machine.ts';
import type { NicSpec } from '../../../shared/domain/network.ts';
import type { ApplianceDisk } from '../../../shared/domain/storage.ts';
import { AppError } from '../../../shared/errors.ts';
import type { EnginePort } from '../enginePort.ts';
import type { ImportTransaction } from '../library/machineLibrary.ts';
import type { ProgressReporter } from './operationProgress.ts';
import { platformOn } from './importPreview.ts';

/** Starts a library import transaction for these new machine ids (absent for backends without a library). */
export type BeginImport = (ids: readonly string[]) => Promise<ImportTransaction>;

interface Planned {
  readonly index: number;
  readonly choice: ImportChoice;
  readonly system: ImportSystem;
}

type Refused = NonNullable<ImportResult['refused']>[number];

/**
 * Throws the first problem (with the field as `systems.<index>.<field>`) before anything is created. Systems the
 * preview refused (a broadcast MAC address…) are set aside with their reason, so the others still import.
 */
async function validateChoices(engine: EnginePort, choices: readonly ImportChoice[], systems: readonly ImportSystem[], refused: Refused[]): Promise<Planned[]> {
  const bySource = new Map(systems.map((system) => [system.sourceId, system]));
  const planned: Planned[] = [];
  const seenSources = new Set<string>();
  const seenNames = new Map<string, number>();
  choices.forEach((choice, index) => {
    const field = (name: string): string => `systems.${index}.${name}`;
    const system = bySource.get(choice.sourceId);
    if (!system) throw new AppError('VALIDATION', `"${choice.sourceId}" is not a machine of the previewed file`, field('sourceId'));
    if (seenSources.has(choice.sourceId)) throw new AppError('VALIDATION', `"${choice.sourceId}" is chosen twice`, field('sourceId'));
    seenSources.add(choice.sourceId);
    if (!choice.include) return;
    if (system.refusal !== undefined) {
      refused.push({ sourceId: system.sourceId, name: system.name, reason: system.refusal });
      return;
    }
    const key = machineNameKey(choice.name);
    const other = seenNames.get(key);
    if (other !== undefined) throw new AppError('CONFLICT', `Two imported machines would both be named "${choice.name}"; rename one`, field('name'));
    seenNames.set(key, index);
    planned.push({ index, choice, system });
  });
  if (planned.length === 0) {
    const first = refused[0];
    if (first) throw new AppError('VALIDATION', `${first.reason}; nothing was imported`, `systems.${choices.findIndex((choice) => choice.sourceId === first.sourceId)}`);
    throw new AppError('VALIDATION', 'Choose at least one machine to import', 'systems');
  }
  const hosts = await engine.request('listHosts', {});
  for (const { index, choice } of planned) {
    const field = (name: string): string => `systems.${index}.${name}`;
    if (!hosts.some((host) => host.id === choice.hostId)) throw new AppError('NOT_FOUND', `"${choice.name}": there is no host "${choice.hostId}"`, field('hostId'));
    if (!platformOn(hosts, choice.hostId, choice.platformId)) {
      throw new AppError('NOT_FOUND', `"${choice.name}": host "${choice.hostId}" has no platform "${choice.platformId}" that takes machines`, field('platformId'));
    }
    const fit = await engine.request('checkFit', {
      name: choice.name,
      osType: choice.osType,
      vcpus: choice.vcpus,
      memoryMiB: choice.memoryMiB,
      diskGiB: choice.diskGiB,
      hostId: choice.hostId,
      platformId: choice.platformId,
      workload: choice.workload,
      diskAllocation: choice.diskAllocation,
    });
    const refusal = fit.reasons.find((reason) => reason.severity === 'refused');
    if (fit.verdict === 'refused' || refusal) {
      const reason = refusal ?? { code: 'INSUFFICIENT_RESOURCES' as const, field: 'name', message: 'it does not fit on the chosen platform' };
      throw new AppError(reason.code, `"${choice.name}": ${reason.message}`, field(reason.field));
    }
  }
  return planned;
}

/** The disks the configuration keeps: all of them, the first following the size chosen in the wizard. */
function disksOf(system: ImportSystem, diskGiB: number): ApplianceDisk[] | undefined {
  const [first, ...more] = system.disks ?? [];
  if (first === undefined || (more.length === 0 && first.capacityMiB === diskGiB * 1024)) return undefined;
  const firstMiB = Math.ceil(first.capacityMiB / 1024) === diskGiB ? first.capacityMiB : diskGiB * 1024;
  return [{ label: first.diskId, capacityMiB: firstMiB }, ...more.map((disk) => ({ label: disk.diskId, capacityMiB: disk.capacityMiB }))].map((disk) => ({
    label: disk.label.slice(0, 200),
    capacityMiB: Math.max(1, disk.capacityMiB),
  }));
}

/** Owner, purpose, tags and expiry from a Virtlab export travel with the machine. */
function labelsOf(system: ImportSystem): Pick<NewMachineSpec, 'owner' | 'purpose' | 'tags' | 'expiresOn'> {
  const v = system.virtlab;
  if (!v) return {};
  return {
    ...(v.owner === undefined ? {} : { owner: v.owner }),
    ...(v.purpose === undefined ? {} : { purpose: v.purpose }),
    ...(v.tags === undefined ? {} : { tags: v.tags }),
    ...(v.expiresOn === undefined ? {} : { expiresOn: v.expiresOn }),
  };
}

function groupOf(choice: ImportChoice, system: ImportSystem): string | undefined {
  if (choice.group === null) return undefined;
  return choice.group ?? system.group;
}

function nicsOf(system: ImportSystem, macPolicy: ImportChoice['macPolicy']): NicSpec[] {
  return system.nics.map((nic) => ({ attachment: nic.attachment, ipMode: 'dhcp', ...(macPolicy === 'keep' && nic.mac !== undefined ? { mac: nic.mac } : {}) }));
}

export async function commitChoices(
  engine: EnginePort,
  choices: readonly ImportChoice[],
  systems: readonly ImportSystem[],
  progress: ProgressReporter,
  log: (line: string) => void,
  beginImport?: BeginImport,
): Promise<ImportResult> {
  const refused: Refused[] = [];
  const planned = await validateChoices(engine, choices, systems, refused);
  const ids = planned.map(() => randomUUID());
  // The machines' documents are staged apart and committed together: a crash mid-import leaves all of them or none.
  const transaction = await beginImport?.(ids);
  const created: Machine[] = [];
  const undo = async (): Promise<void> => {
    await rollBack(engine, created, log);
    await transaction?.abort().catch((error: unknown) => log(`[import] could not remove the staged machines: ${error instanceof Error ? error.message : String(error)}`));
  };
  for (const [position, { choice, system }] of planned.entries()) {
    progress(`Creating "${choice.name}" (${position + 1} of ${planned.length})`, position, planned.length);
    const group = groupOf(choice, system);
    const disks = disksOf(system, choice.diskGiB);
    try {
      const machine = await engine.request('createMachine', {
        id: ids[position]!,
        spec: {
          name: choice.name,
          osType: choice.osType,
          vcpus: choice.vcpus,
          memoryMiB: choice.memoryMiB,
          diskGiB: choice.diskGiB,
          hostId: choice.hostId,
          platformId: choice.platformId,
          workload: choice.workload,
          ...(group === undefined ? {} : { group }),
          ...labelsOf(system),
        },
        options: { diskAllocation: choice.diskAllocation, nics: nicsOf(system, choice.macPolicy), optical: system.optical ?? { kind: 'empty' }, ...(disks ? { disks } : {}) },
      });
      created.push(machine);
    } catch (error) {
      await undo();
      const reason = error instanceof Error ? error.message : String(error);
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      throw new AppError(code, `"${choice.name}" could not be created (${reason}); nothing was imported`, `systems.${planned[position]?.index ?? 0}`);
    }
  }
  if (transaction) {
    progress(`Saving ${planned.length} machine${planned.length === 1 ? '' : 's'} to the library`, planned.length, planned.length);
    try {
      const wanted = new Set<string>(ids);
      const records = engine.records().filter((record) => wanted.has(record.id));
      await transaction.stage(records);
      await transaction.commit();
    } catch (error) {
      await undo();
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError(error instanceof AppError ? error.code : 'INTERNAL', `The imported machines could not be saved to the library (${reason}); nothing was imported`);
    }
  }
  progress(`Imported ${created.length} machine${created.length === 1 ? '' : 's'}`, planned.length, planned.length);
  // The renaming note only holds when the user kept the suggested name.
  const stillTrue = (choice: { name: string }, system: { name: string; suggestedName: string }, warning: string): boolean =>
    choice.name === system.suggestedName || !warning.startsWith(`A machine named "${system.name}" already exists`);
  const warnings = planned.flatMap(({ choice, system }) =>
    system.warnings.filter((warning) => stillTrue(choice, system, warning)).map((warning) => `${choice.name}: ${warning}`),
  );
  warnings.push(...refused.map((entry) => `${entry.name}: not imported (${entry.reason})`));
  return { machines: created, warnings, refused };
}

/** All or nothing: the machines this commit already created are deleted again (newest first). */
async function rollBack(engine: EnginePort, created: readonly Machine[], log: (line: string) => void): Promise<void> {
  for (const machine of [...created].reverse()) {
    await engine.request('deleteMachine', { id: machine.id }).catch((error: unknown) => {
      log(`[import] could not remove "${machine.name}" after a failed import: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
