// Seeded guest workload: CPU around a per-machine baseline with smooth noise and bursts, memory toward a working set.
import type { MachineState } from '../shared/domain/machineState.ts';
import { deriveSeed, Rng } from './rng.ts';

/** Character of one machine's load, drawn once from its own random stream. */
export interface WorkloadProfile {
  /** CPU % (of the machine's vCPUs) it hovers around when running and not bursting. */
  readonly baselineCpuPct: number;
  /** Spread of the smooth CPU noise, in percentage points. */
  readonly noiseSigma: number;
  /** Share of configured memory the guest settles on once booted. */
  readonly workingSetFraction: number;
  /** Mean number of load bursts per simulated second while running. */
  readonly burstRatePerS: number;
}

const bootCpuPct = 72;
const shutdownCpuPct = 25;
const cpuNoiseTauS = 3;
const memoryNoiseTauS = 12;
const memoryNoiseSigma = 0.015;
const burstEaseTauS = 0.6;

export function drawProfile(rng: Rng): WorkloadProfile {
  return {
    baselineCpuPct: rng.range(6, 38),
    noiseSigma: rng.range(2.5, 6),
    workingSetFraction: rng.range(0.3, 0.7),
    burstRatePerS: rng.range(0.01, 0.05),
  };
}

export class MachineWorkload {
  readonly profile: WorkloadProfile;
  private readonly rng: Rng;
  private readonly configuredMemoryMiB: number;
  private cpuNoise = 0;
  private memoryNoise = 0;
  private burstLevel = 0;
  private burstTarget = 0;
  private burstRemainingMs = 0;
  private cpu = 0;
  private memory = 0;

  /** The stream depends only on the engine seed and this machine's id, not on other machines. */
  constructor(seed: number, machineId: string, configuredMemoryMiB: number) {
    this.rng = new Rng(deriveSeed(seed, `workload:${machineId}`));
    this.profile = drawProfile(this.rng);
    this.configuredMemoryMiB = configuredMemoryMiB;
  }

  get cpuPct(): number {
    return this.cpu;
  }

  get memoryUsedMiB(): number {
    return this.memory;
  }

  /** Advances the guest by `dtMs` spent in `state`. */
  step(dtMs: number, state: MachineState): void {
    const dtS = dtMs / 1000;
    switch (state) {
      case 'PoweredOff':
        this.reset();
        return;
      case 'Paused':
        // vCPUs are descheduled and guest memory is kept as it was.
        this.cpu = 0;
        return;
      case 'Starting':
        this.stepNoise(dtS);
        this.cpu = clampPct(bootCpuPct + 1.5 * this.cpuNoise);
        this.approachMemory(this.workingSetMiB(), 1.5, dtS);
        return;
      case 'Running':
        this.stepNoise(dtS);
        this.stepBurst(dtMs);
        this.cpu = clampPct(this.profile.baselineCpuPct + this.cpuNoise + this.burstLevel);
        // Bursts also touch more memory, up to 15 % of the configured size at full intensity.
        this.approachMemory(this.workingSetMiB() + (this.burstLevel / 100) * 0.15 * this.configuredMemoryMiB, 4, dtS);
        return;
      case 'Stopping':
        this.stepNoise(dtS);
        this.cpu = clampPct(shutdownCpuPct + this.cpuNoise);
        this.approachMemory(0, 0.7, dtS);
        return;
    }
  }

  private workingSetMiB(): number {
    return this.configuredMemoryMiB * this.profile.workingSetFraction * (1 + this.memoryNoise);
  }

  /** Ornstein–Uhlenbeck steps: noise that wanders smoothly and keeps returning to zero. */
  private stepNoise(dtS: number): void {
    const sqrtDt = Math.sqrt(dtS);
    const cpuSigma = this.profile.noiseSigma * Math.sqrt(2 / cpuNoiseTauS);
    this.cpuNoise += (-this.cpuNoise / cpuNoiseTauS) * dtS + cpuSigma * sqrtDt * this.rng.normal();
    const memSigma = memoryNoiseSigma * Math.sqrt(2 / memoryNoiseTauS);
    this.memoryNoise += (-this.memoryNoise / memoryNoiseTauS) * dtS + memSigma * sqrtDt * this.rng.normal();
  }

  private stepBurst(dtMs: number): void {
    if (this.burstRemainingMs > 0) {
      this.burstRemainingMs = Math.max(0, this.burstRemainingMs - dtMs);
      if (this.burstRemainingMs === 0) this.burstTarget = 0;
    } else if (this.rng.chance(this.profile.burstRatePerS * (dtMs / 1000))) {
      this.burstTarget = this.rng.range(25, 55);
      this.burstRemainingMs = this.rng.int(2, 8) * 1000;
    }
    this.burstLevel += (this.burstTarget - this.burstLevel) * (1 - Math.exp(-dtMs / 1000 / burstEaseTauS));
  }

  private approachMemory(targetMiB: number, tauS: number, dtS: number): void {
    const target = Math.min(this.configuredMemoryMiB, Math.max(0, targetMiB));
    this.memory += (target - this.memory) * (1 - Math.exp(-dtS / tauS));
    this.memory = Math.min(this.configuredMemoryMiB, Math.max(0, this.memory));
  }

  /** Back to a cold machine: nothing in memory, no load, ready to boot again. */
  reset(): void {
    this.cpu = 0;
    this.memory = 0;
    this.cpuNoise = 0;
    this.memoryNoise = 0;
    this.burstLevel = 0;
    this.burstTarget = 0;
    this.burstRemainingMs = 0;
  }
}

function clampPct(value: number): number {
  return Math.min(100, Math.max(0, value));
}
