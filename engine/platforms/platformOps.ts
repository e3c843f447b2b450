// Installing a platform from the app: in a machine (a hypervisor in a partition) or on a platform, under the core's nesting rules.
import { AppError } from '../../shared/errors.ts';
import type { InstalledPlatform, InstallPlatformSpec } from '../../shared/domain/platforms.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import { toContractError } from '../fitView.ts';
import type { OpsContext } from '../opsContext.ts';
import type { PlatformInput } from '../sim/types.ts';

/** The core's input for an installed platform (only the options of its kind are passed on). */
export function platformInput(platform: InstalledPlatform): PlatformInput & { id: string } {
  const input: { -readonly [K in keyof PlatformInput]: PlatformInput[K] } & { id: string } = { id: platform.id, name: platform.name, kind: platform.kind, on: platform.on };
  if (platform.os !== undefined) input.os = platform.os;
  if (platform.admin !== undefined) input.admin = platform.admin;
  if (platform.mode !== undefined) input.mode = platform.mode;
  if (platform.jit !== undefined) input.jit = platform.jit;
  return input;
}

/** Installs the platform where the nesting rules allow; a refusal (logged by the core) changes nothing. */
export function installPlatform(ctx: OpsContext, platformId: string, spec: InstallPlatformSpec): InstalledPlatform {
  const world = ctx.world;
  const name = spec.name.trim();
  if (world.hasPlatform(platformId)) throw new AppError('CONFLICT', `A platform with id "${platformId}" already exists`, 'platformId');
  const taken = world.platformIds().map((id) => world.platform(id)).find((p) => machineNameKey(p.name) === machineNameKey(name));
  if (taken) throw new AppError('CONFLICT', `A platform named "${taken.name}" already exists`, 'name');
  if ('guest' in spec.on && !world.has(spec.on.guest)) throw new AppError('NOT_FOUND', `There is no machine with id "${spec.on.guest}"; it may have been deleted`, 'on');
  const installed: InstalledPlatform = { ...spec, name, id: platformId };
  try {
    world.addPlatform(platformInput(installed));
  } catch (error) {
    throw error instanceof AppError ? toContractError(error) : error;
  }
  ctx.configs.platforms.push(installed);
  if ('guest' in spec.on) ctx.log(spec.on.guest, 'config', `${name} installed in it`);
  return installed;
}
