// Vocabulary of virtualization kinds, instruction sets and workload profiles shared by engine, backend and UI.
import { z } from 'zod';

/** Instruction sets: the two current ones plus historical ones that only run under emulation. */
export const isas = ['x86_64', 'arm64', 'mips', 'ppc', '6502'] as const;
export const isaSchema = z.enum(isas);
export type Isa = z.infer<typeof isaSchema>;

/**
 * Platform kinds from the course material (names only: what each is and supports lives in the engine's kind modules,
 * engine/kinds/, and reaches the UI through listKinds). `hostOs` runs no guests itself but hosts application VMMs.
 */
export const platformKinds = ['type0', 'type1', 'type1hosted', 'hostOs', 'type2', 'paravirt', 'emulator', 'processVm', 'containers'] as const;
export const platformKindSchema = z.enum(platformKinds);
export type PlatformKind = z.infer<typeof platformKindSchema>;

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
