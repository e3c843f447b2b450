// Fills a guest request's omitted settings with the defaults its platform's kind gives.
import { findSimOs } from './catalogue.ts';
import type { GuestInput, HostModel, ResolvedGuest } from './types.ts';
import type { PlatformRec } from './worldModel.ts';

export function resolveGuest(input: GuestInput, platform: PlatformRec, host: HostModel, devicesFree: number): ResolvedGuest {
  const defaults = platform.module.defaults(host, devicesFree);
  const os = input.os ?? defaults.os;
  const vcpus = input.vcpus ?? 1;
  return {
    os,
    vcpus,
    memoryMiB: input.memoryMiB ?? defaults.memoryMiB(os),
    diskGiB: input.diskGiB ?? defaults.diskGiB,
    workload: input.workload ?? 'idle',
    intensity: input.intensity ?? 1,
    shares: input.shares ?? 1000,
    reservationCores: input.reservationCores ?? 0,
    limitCores: input.limitCores ?? vcpus,
    io: input.io ?? defaults.io,
    ringSize: input.ringSize ?? 256,
    hypercallBatch: input.hypercallBatch ?? 32,
    paravirtualized: input.paravirtualized ?? defaults.paravirtualized(findSimOs(os)),
    balloonDriver: input.balloonDriver ?? true,
    ports: input.ports ?? [],
  };
}
