// A pool's record for commands: plain fields, plus the step's fields through PoolColumns (its reclaim state is only there).
import { P_C_FORWARD, P_CONTROL_CORES, P_COUNT, P_DEDICATED, P_HOST, P_HOST_CORES, P_HOST_MIB, P_PARTITION_SLOT } from './poolColumns.ts';
import { P_PEAK_DEFICIT, P_PLATFORM_CORES, P_PLATFORM_MIB, P_START, P_STRIDE, P_USE_RESERVATIONS } from './poolColumns.ts';
import type { PoolColumns } from './poolColumns.ts';
import type { GuestRec, PoolRec } from './worldModel.ts';

export class PoolRecord implements PoolRec {
  owner = -1;
  hostOsCores = 0;
  hostOsMiB = 0;
  readonly members = new Set<GuestRec>();
  committedVcpus = 0;
  committedMiB = 0;

  private readonly columns: PoolColumns;
  readonly index: number;
  readonly host: number;
  readonly partition: GuestRec | undefined;

  constructor(columns: PoolColumns, index: number, host: number, hostCores: number, hostMiB: number, partition: GuestRec | undefined) {
    this.columns = columns;
    this.index = index;
    this.host = host;
    this.partition = partition;
    columns.ensure(index);
    const o = index * P_STRIDE;
    columns.f.fill(0, o, o + P_STRIDE);
    columns.f[o + P_HOST] = host;
    columns.f[o + P_HOST_CORES] = hostCores;
    columns.f[o + P_HOST_MIB] = hostMiB;
    columns.f[o + P_PARTITION_SLOT] = partition ? partition.slot : -1;
  }

  private get(k: number): number {
    return this.columns.f[this.index * P_STRIDE + k]!;
  }

  private set(k: number, value: number): void {
    this.columns.f[this.index * P_STRIDE + k] = value;
  }

  get dedicated(): boolean {
    return this.get(P_DEDICATED) !== 0;
  }
  set dedicated(on: boolean) {
    this.set(P_DEDICATED, on ? 1 : 0);
  }
  get useReservations(): boolean {
    return this.get(P_USE_RESERVATIONS) !== 0;
  }
  set useReservations(on: boolean) {
    this.set(P_USE_RESERVATIONS, on ? 1 : 0);
  }
  get platformCores(): number {
    return this.get(P_PLATFORM_CORES);
  }
  set platformCores(cores: number) {
    this.set(P_PLATFORM_CORES, cores);
  }
  get platformMiB(): number {
    return this.get(P_PLATFORM_MIB);
  }
  set platformMiB(mib: number) {
    this.set(P_PLATFORM_MIB, mib);
  }
  get controlCores(): number {
    return this.get(P_CONTROL_CORES);
  }
  set controlCores(cores: number) {
    this.set(P_CONTROL_CORES, cores);
  }
  get start(): number {
    return this.get(P_START);
  }
  set start(slot: number) {
    this.set(P_START, slot);
  }
  get count(): number {
    return this.get(P_COUNT);
  }
  set count(slots: number) {
    this.set(P_COUNT, slots);
  }
  get peakDeficit(): number {
    return this.get(P_PEAK_DEFICIT);
  }
  set peakDeficit(mib: number) {
    this.set(P_PEAK_DEFICIT, mib);
  }
  get cForward(): number {
    return this.get(P_C_FORWARD);
  }
  set cForward(coreS: number) {
    this.set(P_C_FORWARD, coreS);
  }
}
