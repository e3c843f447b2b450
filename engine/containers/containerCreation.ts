// What creating (or fit-checking) a guest on a container platform takes: settings from the spec or Docker's defaults,
// an image from the catalogue, host ports no replica holds, and the simulated guest's share of them.
import { AppError } from '../../shared/errors.ts';
import type { ContainerSettings, ContainerSpec } from '../../shared/domain/containerSpec.ts';
import type { FitCheckInput } from '../../shared/domain/machine.ts';
import type { FitVerdict } from '../../shared/domain/fitCheck.ts';
import type { GuestRuntime } from '../kinds/kindModule.ts';
import { kindModule } from '../kinds/registry.ts';
import { checkFit } from '../fitView.ts';
import type { GuestExtras } from '../fitView.ts';
import { choosePlatform } from '../platformChoice.ts';
import type { PlatformChoice } from '../platformChoice.ts';
import type { SimWorld } from '../sim/world.ts';
import type { ContainerRuntime } from './containerRuntime.ts';
import type { CatalogueImage } from './imageCatalogue.ts';

export interface ContainerSources {
  readonly runtime: ContainerRuntime;
  /** An application replica publishing the port on the host, by name. */
  portHolder(hostId: string, port: number): string | undefined;
}

export interface ContainerGuestPlan {
  readonly settings: ContainerSettings;
  readonly image: CatalogueImage;
  readonly guest: GuestExtras;
  /**
   * The userland the simulated guest runs: the image's when one was chosen; the spec's OS type otherwise (so a
   * Windows OS type on a Linux kernel is still refused: containers share the host's kernel).
   */
  readonly os: string;
}

/** Undefined for guests that are not containers; a VALIDATION or CONFLICT error when the spec cannot be met. */
export function containerGuestPlan(sources: ContainerSources, runtime: GuestRuntime, hostId: string, spec: { readonly osType: string; readonly container?: ContainerSpec | undefined }): ContainerGuestPlan | undefined {
  if (runtime !== 'container') {
    if (spec.container !== undefined) throw new AppError('VALIDATION', 'Container settings (image, ports, limits) apply only to a container platform; choose one or leave them out', 'container');
    return undefined;
  }
  const { settings, image } = sources.runtime.settingsFor(spec.container, spec.osType);
  for (const port of settings.ports) {
    const holder = sources.portHolder(hostId, port.host);
    if (holder !== undefined) throw new AppError('CONFLICT', `Host port ${port.host} is already published by replica ${holder}`, 'container.ports');
  }
  return { settings, image, guest: sources.runtime.guestInput(settings), os: spec.container ? image.os : spec.osType };
}

/**
 * The fit check of a spec that may be a container: checked as the image's userland with its ports and cgroup settings;
 * a container spec that cannot be met (unknown image, port a replica holds) is one more refused reason.
 */
export function checkContainerFit(world: SimWorld, choice: PlatformChoice, sources: ContainerSources, input: FitCheckInput): FitVerdict {
  let platformId: string;
  try {
    platformId = choosePlatform(world, choice, input);
  } catch {
    return checkFit(world, choice, input);
  }
  const platform = world.platform(platformId);
  const runtime = kindModule(platform.kind).guestRuntime ?? 'machine';
  try {
    const container = containerGuestPlan(sources, runtime, platform.hostId, input);
    return checkFit(world, choice, { ...input, osType: (container?.os ?? input.osType) as FitCheckInput['osType'] }, container?.guest);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const code = error.code === 'CONFLICT' ? 'CONFLICT' : 'VALIDATION';
    return checkFit(world, choice, input, {}, [{ severity: 'refused', code, field: error.field ?? 'container', message: error.message }]);
  }
}
