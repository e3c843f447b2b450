// Once per simulated second: data each running guest wrote (its cumulative disk-write counter) grows its current image.
import type { OpsContext } from '../opsContext.ts';

/** Remembers each machine's write counter at the last settlement, so the hot loop never touches storage. */
export class ThinGrowth {
  private readonly lastWrittenMiB = new Map<string, number>();
  private readonly full = new Set<string>();

  /** Call after each whole simulated second. */
  settle(ctx: OpsContext): void {
    for (const [machineId, config] of ctx.configs.configs) {
      const total = ctx.world.diskWrittenMiB(machineId);
      const last = this.lastWrittenMiB.get(machineId) ?? 0;
      // A counter that went back (a restored engine) is a fresh baseline.
      const written = total >= last ? total - last : total;
      this.lastWrittenMiB.set(machineId, total);
      if (written <= 0) continue;
      const fits = ctx.configs.disks.write(config.currentImageId, written);
      if (!fits && !this.full.has(config.hostId)) {
        this.full.add(config.hostId);
        ctx.log(machineId, 'refusal', `Storage pool of "${ctx.hostNameOf(machineId)}" is full: writes to "${ctx.nameOf(machineId)}" are lost until space is freed`);
      } else if (fits) this.full.delete(config.hostId);
    }
  }

  forget(machineId: string): void {
    this.lastWrittenMiB.delete(machineId);
  }
}
