// How a virtualization layer handles an architecture event: the mechanisms, what each is called and where its cost goes.

/** Every way an event can be handled; a kind's table picks one per event with a per-event cost. */
export const mechanismIds = [
  'direct',
  'trapAndEmulate',
  'binaryTranslation',
  'shadowPaging',
  'nestedPaging',
  'hypercall',
  'eventChannel',
  'emulatedDevice',
  'paravirtualRing',
  'passthrough',
  'controlPartition',
  'worldSwitch',
  'hostOsScheduling',
  'interpreter',
  'dynamicTranslation',
  'bytecodeJit',
  'containerNetwork',
] as const;
export type MechanismId = (typeof mechanismIds)[number];

/** Which coarse part of the overhead bar a mechanism's time belongs to. */
export type OverheadCategory = 'vmm' | 'translation' | 'hostOs' | 'io';

export interface MechanismInfo {
  readonly label: string;
  readonly category: OverheadCategory;
}

export const mechanismInfo: Readonly<Record<MechanismId, MechanismInfo>> = {
  direct: { label: 'direct execution', category: 'vmm' },
  trapAndEmulate: { label: 'VM exit (trap and emulate)', category: 'vmm' },
  binaryTranslation: { label: 'binary translation of kernel code', category: 'translation' },
  shadowPaging: { label: 'shadow page tables', category: 'vmm' },
  nestedPaging: { label: 'nested paging (two-dimensional page walk)', category: 'vmm' },
  hypercall: { label: 'hypercall', category: 'vmm' },
  eventChannel: { label: 'event channel (virtual interrupt)', category: 'vmm' },
  emulatedDevice: { label: 'emulated device', category: 'io' },
  paravirtualRing: { label: 'paravirtual I/O ring', category: 'io' },
  passthrough: { label: 'device passthrough', category: 'io' },
  controlPartition: { label: 'forwarded to the control partition', category: 'io' },
  worldSwitch: { label: 'world switch to the host OS', category: 'hostOs' },
  hostOsScheduling: { label: 'host OS scheduling the VMM process', category: 'hostOs' },
  interpreter: { label: 'instruction interpreter', category: 'translation' },
  dynamicTranslation: { label: 'dynamic binary translation', category: 'translation' },
  bytecodeJit: { label: 'bytecode interpreter and JIT compiler', category: 'translation' },
  containerNetwork: { label: 'container network (veth, bridge, NAT)', category: 'io' },
};

/**
 * One event's handling: the mechanism and its extra cost over native execution. For instruction events `extra` is
 * core-seconds per core-second of that code (a slowdown minus one); for counted events it is microseconds per event.
 */
export interface EventHandling {
  readonly mechanism: MechanismId;
  readonly extra: number;
}

export const direct: EventHandling = { mechanism: 'direct', extra: 0 };
