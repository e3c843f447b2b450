// Fills a guest request's omitted settings with defaults suited to its platform's kind and host.
import { findSimOs, kindFeatures } from './catalogue.ts';
import type { GuestInput, HostModel, IoPath, SimPlatformKind } from './types.ts';
import type { ResolvedGuest } from './worldModel.ts';

function defaultOs(kind: SimPlatformKind, host: HostModel): string {
  if (kind === 'emulator') return host.isa === 'x86_64' ? 'debian-ppc' : 'ubuntu64';
  if (kind === 'containers') return host.isa === 'arm64' ? 'debian-arm64' : 'alpine64';
  if (kind === 'processVm') return 'other64';
  return host.isa === 'arm64' ? 'ubuntu-arm64' : 'ubuntu64';
}

function defaultMemory(kind: SimPlatformKind, os: string): number {
  if (os === 'console-6502') return 1;
  if (kind === 'containers') return 512;
  if (kind === 'processVm') return 1024;
  return 2048;
}

function defaultIo(kind: SimPlatformKind, devicesFree: number): IoPath {
  const io = kindFeatures[kind].defaultIo;
  if (io === 'controlPartition' && devicesFree > 0) return 'passthrough';
  return io;
}

export function resolveGuest(input: GuestInput, kind: SimPlatformKind, host: HostModel, devicesFree: number): ResolvedGuest {
  const os = input.os ?? defaultOs(kind, host);
  const vcpus = input.vcpus ?? 1;
  const paravirtualized = input.paravirtualized ?? (kind === 'paravirt' || kind === 'containers' || kind === 'processVm');
  return {
    name: input.name,
    platform: input.platform,
    os,
    vcpus,
    memoryMiB: input.memoryMiB ?? defaultMemory(kind, os),
    diskGiB: input.diskGiB ?? (kind === 'containers' || kind === 'processVm' ? 1 : 20),
    workload: input.workload ?? 'idle',
    intensity: input.intensity ?? 1,
    shares: input.shares ?? 1000,
    reservationCores: input.reservationCores ?? 0,
    limitCores: input.limitCores ?? vcpus,
    io: input.io ?? defaultIo(kind, devicesFree),
    ringSize: input.ringSize ?? 256,
    hypercallBatch: input.hypercallBatch ?? 32,
    paravirtualized,
    balloonDriver: input.balloonDriver ?? true,
    ports: input.ports ?? [],
  };
}

/** I/O paths each kind can offer its guests. */
export const allowedIo: Readonly<Record<SimPlatformKind, readonly IoPath[]>> = {
  type0: ['passthrough', 'controlPartition'],
  type1: ['emulated', 'paravirtual', 'passthrough'],
  type1hosted: ['emulated', 'paravirtual', 'passthrough'],
  hostOs: ['native'],
  type2: ['emulated', 'paravirtual'],
  paravirt: ['paravirtual', 'passthrough'],
  emulator: ['emulated', 'paravirtual'],
  processVm: ['native'],
  containers: ['native'],
};

export function osOf(id: string) {
  return findSimOs(id);
}
