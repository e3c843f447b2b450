// Tests for nesting rules and the explained fit check: refusals carry a code, a field and a human reason.
import { describe, expect, it } from 'vitest';
import { SimWorld } from './world.ts';
import { eventsOf, eventsOnHost, refusalOf } from './testWorlds.ts';

function type0World(): SimWorld {
  const w = new SimWorld(1);
  w.addHost({ name: 'mf', cores: 8, memoryMiB: 65_536 });
  w.addPlatform({ name: 'lpars', kind: 'type0', on: { host: 'mf' }, controlPartition: { cores: 1, memoryMiB: 2048 } });
  w.addGuest({ name: 'lpar-a', platform: 'lpars', vcpus: 2, memoryMiB: 8192, paravirtualized: true });
  w.addGuest({ name: 'lpar-b', platform: 'lpars', vcpus: 4, memoryMiB: 8192, paravirtualized: false });
  w.start('lpar-a');
  w.start('lpar-b');
  return w;
}

describe('type 0 dedicated resources', () => {
  it('refuses a partition when dedicated cores are not free, saying what powering off would free', () => {
    const w = type0World();
    const verdict = w.fitCheck({ name: 'lpar-c', platform: 'lpars', vcpus: 2, memoryMiB: 4096 });
    expect(verdict.verdict).toBe('refused');
    expect(verdict.reasons[0]).toMatchObject({ code: 'INSUFFICIENT_RESOURCES', field: 'vcpus' });
    expect(verdict.reasons[0]!.message).toBe('Type 0 needs 2 dedicated cores for "lpar-c"; 1 is free; powering off "lpar-a" would free 2');
    expect(verdict.wouldFree).toEqual(['powering off "lpar-a" would free 2 cores']);
    const error = refusalOf(() => w.addGuest({ name: 'lpar-c', platform: 'lpars', vcpus: 2, memoryMiB: 4096 }));
    expect(error.code).toBe('INSUFFICIENT_RESOURCES');
    expect(w.has('lpar-c')).toBe(false);
    expect(eventsOf(w, 'lpar-c')[0]!.kind).toBe('refusal');
  });

  it('checks again at start, and accepts once a partition is powered off', () => {
    const w = new SimWorld(1);
    w.addHost({ name: 'mf', cores: 4, memoryMiB: 16_384 });
    w.addPlatform({ name: 'lpars', kind: 'type0', on: { host: 'mf' } });
    w.addGuest({ name: 'a', platform: 'lpars', vcpus: 2, memoryMiB: 2048 });
    w.addGuest({ name: 'b', platform: 'lpars', vcpus: 2, memoryMiB: 2048 });
    w.start('a');
    expect(refusalOf(() => w.start('b')).message).toContain('1 is free; powering off "a" would free 2');
    w.stop('a');
    w.advance(10_000);
    w.start('b');
    expect(w.stateOf('b')).toBe('Starting');
  });

  it('moves cores live only between paravirtualized partitions', () => {
    const w = type0World();
    w.advance(30_000);
    expect(refusalOf(() => w.moveCpu('lpar-b', 'lpar-a', 1)).code).toBe('INVALID_STATE');
    w.addGuest({ name: 'lpar-p', platform: 'lpars', vcpus: 1, memoryMiB: 2048, paravirtualized: true });
    w.start('lpar-p');
    w.moveCpu('lpar-a', 'lpar-p', 1);
    expect(w.guest('lpar-p').vcpus).toBe(2);
    expect(w.guest('lpar-a').vcpus).toBe(1);
    expect(refusalOf(() => w.moveCpu('lpar-a', 'lpar-p', 1)).message).toContain('must keep at least 1');
  });
});

describe('nesting', () => {
  it('accepts a type 1 inside a type 0 partition and builds the chain', () => {
    const w = type0World();
    w.addPlatform({ name: 'esx', kind: 'type1', on: { guest: 'lpar-b' } });
    const verdict = w.fitCheck({ name: 'vm', platform: 'esx', vcpus: 2, memoryMiB: 2048 });
    expect(verdict.verdict).toBe('ok');
    expect(verdict.chain).toEqual(['mf hardware (x86_64)', 'Type 0: lpars', 'Partition: lpar-b', 'Type 1: esx', 'vm']);
  });

  it('refuses a type 1 on another type 1, both inside its VM and on the platform itself', () => {
    const w = new SimWorld(1);
    w.addHost({ name: 'h', cores: 8 });
    w.addPlatform({ name: 'esx', kind: 'type1', on: { host: 'h' } });
    w.addGuest({ name: 'vm', platform: 'esx' });
    const inVm = refusalOf(() => w.addPlatform({ name: 'nested', kind: 'type1', on: { guest: 'vm' } }));
    expect(inVm).toMatchObject({ code: 'VALIDATION', field: 'on' });
    expect(inVm.message).toContain('A type 1 hypervisor cannot run on another type 1: "vm" is a virtual machine of type 1 platform "esx"');
    expect(refusalOf(() => w.addPlatform({ name: 'nested2', kind: 'type1', on: { platform: 'esx' } })).message).toContain('cannot run on another type 1');
    expect(eventsOnHost(w, 'h').some((e) => e.kind === 'refusal' && e.subject === 'nested')).toBe(true);
  });

  it('refuses a second bare-metal platform and applications without a host OS', () => {
    const w = new SimWorld(1);
    w.addHost({ name: 'h' });
    w.addPlatform({ name: 'esx', kind: 'type1', on: { host: 'h' } });
    expect(refusalOf(() => w.addPlatform({ name: 'xen', kind: 'paravirt', on: { host: 'h' } }))).toMatchObject({ code: 'CONFLICT', field: 'on' });
    expect(refusalOf(() => w.addPlatform({ name: 'vbox', kind: 'type2', on: { platform: 'esx' } })).message).toContain('needs a host OS');
    expect(refusalOf(() => w.addPlatform({ name: 'vbox2', kind: 'type2', on: { host: 'h' } })).message).toContain('is an application');
  });

  it('refuses a hosted-OS hypervisor on a host without VT-x', () => {
    const w = new SimWorld(1);
    w.addHost({ name: 'old', vtx: false });
    expect(refusalOf(() => w.addPlatform({ name: 'kvm', kind: 'type1hosted', on: { host: 'old' } }))).toMatchObject({ code: 'INSUFFICIENT_RESOURCES', field: 'kind' });
  });
});

describe('fit check', () => {
  it('refuses foreign ISAs except under emulation, unmodifiable OSes under paravirtualization, and wrong container kernels', () => {
    const w = new SimWorld(1);
    w.addHost({ name: 'h' });
    w.addHost({ name: 'h2' });
    w.addPlatform({ name: 'xen', kind: 'paravirt', on: { host: 'h' } });
    w.addPlatform({ name: 'os', kind: 'hostOs', on: { host: 'h2' }, os: 'linux' });
    w.addPlatform({ name: 'ctr', kind: 'containers', on: { platform: 'os' } });
    w.addPlatform({ name: 'qemu', kind: 'emulator', on: { platform: 'os' } });
    expect(w.fitCheck({ name: 'a', platform: 'xen', os: 'ubuntu-arm64' }).reasons[0]).toMatchObject({ field: 'os', severity: 'refused' });
    expect(w.fitCheck({ name: 'b', platform: 'xen', os: 'windows11' }).reasons[0]!.message).toContain('cannot be modified for paravirtualization');
    expect(w.fitCheck({ name: 'c', platform: 'ctr', os: 'windows2022' }).reasons[0]!.message).toContain('share the host kernel');
    expect(w.fitCheck({ name: 'd', platform: 'qemu', os: 'irix-mips' }).verdict).toBe('ok');
    expect(w.fitCheck({ name: 'e', platform: 'qemu', os: 'ubuntu64' }).verdict).toBe('warning');
  });

  it('warns about memory overcommit and missing privileges, and refuses port clashes', () => {
    const w = new SimWorld(1);
    w.addHost({ name: 'h', memoryMiB: 8192 });
    w.addPlatform({ name: 'os', kind: 'hostOs', on: { host: 'h' } });
    w.addPlatform({ name: 'vbox', kind: 'type2', on: { platform: 'os' }, admin: false });
    w.addPlatform({ name: 'ctr', kind: 'containers', on: { platform: 'os' } });
    const type2 = w.fitCheck({ name: 'vm', platform: 'vbox', memoryMiB: 4096 });
    expect(type2.verdict).toBe('warning');
    expect(type2.reasons.map((r) => r.message).join()).toContain('without administrator privileges');
    w.addGuest({ name: 'web', platform: 'ctr', ports: [80] });
    expect(w.fitCheck({ name: 'web2', platform: 'ctr', ports: [80] }).reasons[0]).toMatchObject({ code: 'CONFLICT', field: 'ports' });
    w.addGuest({ name: 'big', platform: 'ctr', memoryMiB: 4000 });
    expect(w.fitCheck({ name: 'big2', platform: 'ctr', memoryMiB: 4000 }).reasons.some((r) => r.message.startsWith('Memory overcommitted'))).toBe(true);
  });
});
