// What a container or process VM lacks that a virtual machine has, said where a user would reach for it.
import type { SettingsField } from '../../shared/domain/machineConfig.ts';
import type { PlatformKind } from '../../shared/domain/virtualization.ts';
import { kindModule } from '../kinds/registry.ts';

/** Why `field` cannot be set on a guest of this kind at all; undefined for machines with virtual hardware. */
export function absentSetting(kind: PlatformKind, field: SettingsField): string | undefined {
  const runtime = kindModule(kind).guestRuntime ?? 'machine';
  if (runtime === 'machine') return undefined;
  const noun = kindModule(kind).description.guestNoun;
  if (field === 'nics') return runtime === 'container' ? 'A container has no network adapters: it gets an address and a veth on its host\'s bridge' : `A ${noun} has no network adapters: it uses its host OS's network stack`;
  if (field === 'optical') return `A ${noun} has no optical drive`;
  if (field === 'osType') return runtime === 'container' ? 'A container\'s userland comes from its image; create a container from another image instead' : undefined;
  return undefined;
}

/** Why snapshots or clones do not apply to a guest of this kind; undefined when they do. */
export function noDiskOperation(kind: PlatformKind, name: string, operation: 'snapshot' | 'clone'): string | undefined {
  const runtime = kindModule(kind).guestRuntime ?? 'machine';
  if (runtime === 'machine') return undefined;
  if (runtime === 'container') {
    return operation === 'snapshot'
      ? `"${name}" is a container: it has no virtual disk to snapshot; its image layers are read-only already and its writable layer is thrown away with it`
      : `"${name}" is a container: create another container from the same image instead (it shares the image's layers)`;
  }
  return `"${name}" is a process VM, a process of its host OS: it has no virtual disk to ${operation === 'snapshot' ? 'snapshot' : 'clone'}`;
}

/** What removing a guest of this kind deletes, when it is a process of its host OS (nothing of it could be kept); undefined for machines. */
export function hostProcessRemoval(kind: PlatformKind, name: string): string | undefined {
  const runtime = kindModule(kind).guestRuntime ?? 'machine';
  if (runtime === 'machine') return undefined;
  if (runtime === 'container') return `"${name}" and its writable layer are deleted (docker rm); the image's layers stay in the host's layer cache for other containers`;
  return `"${name}" and its working directory are deleted; the runtime it ran on stays installed`;
}
