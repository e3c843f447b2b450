// Vocabulary of virtualization kinds, instruction sets and workload profiles shared by engine, backend and UI.
import { z } from 'zod';

/** Instruction sets: the two current ones plus historical ones that only run under emulation. */
export const isas = ['x86_64', 'arm64', 'mips', 'ppc', '6502'] as const;
export const isaSchema = z.enum(isas);
export type Isa = z.infer<typeof isaSchema>;

/** Platform kinds from the course material; `hostOs` runs no guests itself but hosts application VMMs. */
export const platformKinds = ['type0', 'type1', 'type1hosted', 'hostOs', 'type2', 'paravirt', 'emulator', 'processVm', 'containers'] as const;
export const platformKindSchema = z.enum(platformKinds);
export type PlatformKind = z.infer<typeof platformKindSchema>;

/** Kinds a user can create a guest on (every kind except the bare host OS). */
export const guestKinds = ['type0', 'type1', 'type1hosted', 'type2', 'paravirt', 'emulator', 'processVm', 'containers'] as const satisfies readonly PlatformKind[];

export interface KindInfo {
  readonly label: string;
  /** What a student should remember about this kind, shown in the wizard and the details pane. */
  readonly summary: string;
}

export const kindInfo: Readonly<Record<PlatformKind, KindInfo>> = {
  type0: { label: 'Type 0 (firmware partitions)', summary: 'Firmware splits the hardware into partitions with dedicated cores, memory and I/O devices.' },
  type1: { label: 'Type 1 (bare metal)', summary: 'A hypervisor on bare hardware multiplexes vCPUs on cores and overcommits memory.' },
  type1hosted: { label: 'Type 1 hosted-OS (KVM-like)', summary: 'A general-purpose OS with VMM functions; its own processes compete with guests.' },
  hostOs: { label: 'Host OS', summary: 'An ordinary operating system; application VMMs, emulators, process VMs and containers run on it.' },
  type2: { label: 'Type 2 (application VMM)', summary: 'A VMM running as an application; without admin rights it falls back to binary translation.' },
  paravirt: { label: 'Paravirtualization (Xen-like)', summary: 'Modified guests call the hypervisor (batched hypercalls) and share I/O ring buffers with it.' },
  emulator: { label: 'Emulator', summary: 'Guest ISA differs from the host: every guest instruction costs several host instructions.' },
  processVm: { label: 'Process VM (JVM-like)', summary: 'A programming-environment VM: interpreted until the JIT warms up, with garbage-collection pauses.' },
  containers: { label: 'Containers', summary: 'Share the host kernel: no hardware virtualization, start in milliseconds, CPU and memory caps.' },
};

export const workloadNames = ['idle', 'web', 'database', 'compile', 'cpuBatch', 'bursty', 'memoryHungry', 'forkExec'] as const;
export const workloadSchema = z.enum(workloadNames, { error: 'Choose a workload from the list' });
export type WorkloadName = z.infer<typeof workloadSchema>;

export const workloadLabels: Readonly<Record<WorkloadName, string>> = {
  idle: 'Idle',
  web: 'Web server',
  database: 'Database (OLTP)',
  compile: 'Compile',
  cpuBatch: 'CPU-bound batch',
  bursty: 'Bursty',
  memoryHungry: 'Memory-hungry',
  forkExec: 'Fork/exec-heavy (shell scripts)',
};
