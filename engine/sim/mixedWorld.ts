// Builds a large mixed data center (every kind of platform, varied workloads) for the benchmark and scale tests.
import { workloadNames } from './types.ts';
import type { GuestInput, PlatformInput } from './types.ts';
import { SimWorld } from './world.ts';

type Layout = (host: string, hostIndex: number) => { platforms: PlatformInput[]; guestPlatform: string; guestOs: string | undefined };

const layouts: readonly Layout[] = [
  (h) => ({ platforms: [{ name: `${h}-esx`, kind: 'type1', on: { host: h } }], guestPlatform: `${h}-esx`, guestOs: 'ubuntu64' }),
  (h) => ({ platforms: [{ name: `${h}-kvm`, kind: 'type1hosted', on: { host: h } }], guestPlatform: `${h}-kvm`, guestOs: 'debian64' }),
  (h) => ({ platforms: [{ name: `${h}-xen`, kind: 'paravirt', on: { host: h } }], guestPlatform: `${h}-xen`, guestOs: 'fedora64' }),
  (h) => ({
    platforms: [
      { name: `${h}-os`, kind: 'hostOs', on: { host: h }, os: 'linux' },
      { name: `${h}-vbox`, kind: 'type2', on: { platform: `${h}-os` }, admin: false },
    ],
    guestPlatform: `${h}-vbox`,
    guestOs: 'windows11',
  }),
  (h) => ({
    platforms: [
      { name: `${h}-os`, kind: 'hostOs', on: { host: h }, os: 'linux' },
      { name: `${h}-ctr`, kind: 'containers', on: { platform: `${h}-os` } },
    ],
    guestPlatform: `${h}-ctr`,
    guestOs: 'alpine64',
  }),
  (h) => ({
    platforms: [
      { name: `${h}-os`, kind: 'hostOs', on: { host: h }, os: 'linux' },
      { name: `${h}-jvm`, kind: 'processVm', on: { platform: `${h}-os` } },
    ],
    guestPlatform: `${h}-jvm`,
    guestOs: undefined,
  }),
  (h, i) => ({
    platforms: [
      { name: `${h}-os`, kind: 'hostOs', on: { host: h }, os: 'linux' },
      { name: `${h}-qemu`, kind: 'emulator', on: { platform: `${h}-os` }, mode: i % 2 === 0 ? 'dbt' : 'interpreter' },
    ],
    guestPlatform: `${h}-qemu`,
    guestOs: 'debian-ppc',
  }),
];

/** Id of the n-th guest of a mixed world. */
export const mixedGuestId = (n: number): string => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** `hosts` hosts of 32 cores / 128 GiB cycling through the layouts above, `guests` guests spread evenly, all started. */
export function buildMixedWorld(seed: number, hosts: number, guests: number): SimWorld {
  const world = new SimWorld(seed, { capacity: guests + hosts * 2 });
  const perHost = Math.ceil(guests / hosts);
  let made = 0;
  for (let h = 0; h < hosts; h++) {
    const host = `host-${h}`;
    world.addHost({ name: host, cores: 32, memoryMiB: 131_072, storageGiB: 65_536 });
    const layout = layouts[h % layouts.length]!(host, h);
    for (const platform of layout.platforms) world.addPlatform(platform);
    for (let k = 0; k < perHost && made < guests; k++, made++) {
      const input: GuestInput = {
        // A UUID like the backend's, so facade-level code (telemetry batches, subscriptions) can address the guest.
        id: mixedGuestId(made),
        name: `g-${made}`,
        platform: layout.guestPlatform,
        vcpus: 1 + (k % 4),
        memoryMiB: 2048 + 1024 * (k % 6),
        workload: workloadNames[(h + k) % workloadNames.length]!,
        ...(layout.guestOs ? { os: layout.guestOs } : {}),
      };
      world.addGuest(input);
      world.start(input.id!);
    }
  }
  return world;
}
