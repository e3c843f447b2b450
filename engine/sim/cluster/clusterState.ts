// Data the data-center part of the core keeps: migration links, running migrations, finished ones not yet collected.
import { preCopyDefaults } from './preCopyModel.ts';
import type { MigrationRun } from './migrationRunRecord.ts';

export class ClusterState {
  /** Migration link bandwidth per host index, Gbit/s. */
  readonly linkGbps: number[] = [];
  /** Running migrations, in start order. */
  readonly runs: MigrationRun[] = [];
  /** Runs that ended (done, failed, cancelled) since the last collection. */
  readonly ended: MigrationRun[] = [];
  /**
   * Per off or failed host index: its cumulative CPU and memory counters when it went dark. The step keeps them there, so a
   * host that is off shows no hypervisor load and no memory (its platforms' bookkeeping still runs).
   */
  readonly dark = new Map<number, { busyS: number; memS: number }>();
  nextRunId = 1;
  /** Goes up whenever a run starts, changes phase, finishes a round or ends: watchers compare it instead of looking. */
  version = 0;
  /** Per host index: migrations using its link this step (kept to avoid allocating each step). */
  linkUsers = new Int32Array(0);

  /** Whether the step must call into the cluster part (something to advance or hold still). */
  get busy(): boolean {
    return this.runs.length > 0 || this.dark.size > 0;
  }

  linkOf(hostIndex: number): number {
    return this.linkGbps[hostIndex] ?? preCopyDefaults.linkGbps;
  }
}
