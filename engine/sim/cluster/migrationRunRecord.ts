// One migration in progress as data (no behaviour): kept apart so the world's state can hold runs without a type cycle.
import type { MigrationMethod, MigrationPhase, MigrationReason } from '../../../shared/domain/datacenter.ts';
import type { GuestRec, PlatformRec } from '../worldModel.ts';
import type { PreCopyRound } from './preCopyModel.ts';

export interface RunOptions {
  readonly method: MigrationMethod;
  readonly reason: MigrationReason;
  readonly storageMiB: number;
  readonly maxRounds: number;
  readonly maxDowntimeMs: number;
  readonly switchoverMs: number;
}

export interface MigrationRun {
  readonly id: string;
  readonly rec: GuestRec;
  readonly source: PlatformRec;
  readonly target: PlatformRec;
  readonly options: RunOptions;
  readonly startedAtMs: number;
  readonly memoryMiB: number;
  phase: MigrationPhase;
  endedAtMs: number;
  storageCopiedMiB: number;
  bandwidthMiBs: number;
  readonly rounds: PreCopyRound[];
  roundToSend: number;
  roundSent: number;
  roundDirtied: number;
  roundStartMs: number;
  stopReason: 'converged' | 'roundLimit' | 'frozen' | 'cold' | undefined;
  stopCopyMiB: number;
  /** Time left in stop-and-copy (copy plus switch-over). */
  stopLeftMs: number;
  downtimeMs: number;
  totalSentMiB: number;
  message: string | undefined;
  /** CPU spent on dirty logging (guest's host) and copying (each host), core-seconds. */
  trapCoreS: number;
  copyCoreS: number;
}
