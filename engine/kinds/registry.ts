// The registry of kinds: every kind of virtualization the engine knows, each one module behind KindModule.
import { AppError } from '../../shared/errors.ts';
import type { KindDescription } from '../../shared/domain/kinds.ts';
import type { PlatformKind } from '../../shared/domain/virtualization.ts';
import { containers } from './containers.ts';
import { emulator } from './emulator.ts';
import { hostOs } from './hostOs.ts';
import type { KindModule } from './kindModule.ts';
import { paravirt } from './paravirt.ts';
import { processVm } from './processVm.ts';
import { type0 } from './type0.ts';
import { type1 } from './type1.ts';
import { type1hosted } from './type1hosted.ts';
import { type2 } from './type2.ts';

/** Adding a kind = one module + one line here (and its name in shared/domain/virtualization.ts platformKinds). */
const modules: Readonly<Record<PlatformKind, KindModule>> = { type0, type1, type1hosted, hostOs, type2, paravirt, emulator, processVm, containers };

export function kindModule(kind: PlatformKind): KindModule {
  const module = modules[kind];
  if (!module) throw new AppError('VALIDATION', `Unknown kind of virtualization "${String(kind)}"`, 'kind');
  return module;
}

export function allKinds(): readonly KindModule[] {
  return Object.values(modules);
}

export function kindDescriptions(): KindDescription[] {
  return allKinds().map(({ description: d, runsOn, runsApplications }) => ({
    ...d,
    settings: [...d.settings],
    memoryTechniques: [...d.memoryTechniques],
    ioPaths: [...d.ioPaths],
    power: { ...d.power, saveState: { ...d.power.saveState } },
    installable: { inMachine: runsOn.includes('guest'), onPlatform: runsOn.includes('platform'), withOs: runsApplications },
  }));
}
