// What kind modules are told about a platform: its kind, input, host hardware, hardware assist and host kernel.
import type { PlatformFacts } from '../kinds/kindModule.ts';
import type { PlatformRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export function platformFacts(w: WorldState, platform: PlatformRec): PlatformFacts {
  const parent = platform.parentPlatform >= 0 ? w.platforms[platform.parentPlatform] : undefined;
  return {
    kind: platform.kind,
    module: platform.module,
    name: platform.name,
    input: platform.input,
    host: w.hosts[platform.host]!.model,
    hwAssist: platform.hwAssist,
    hostKernel: parent ? (parent.input.os ?? 'linux') : platform.input.os,
  };
}
