// --host and --platform by id or name: the host a platform implies, platforms limited to the host, and clear misses.
import { describe, expect, it } from 'vitest';
import { placementIn } from './resolvePlacement.ts';
import { sampleHosts } from './testing/sampleHosts.ts';

describe('placementIn', () => {
  it('gives nothing when neither option is set, and the host alone when only --host is', () => {
    expect(placementIn(sampleHosts, {})).toEqual({});
    expect(placementIn(sampleHosts, { host: 'borealis' })).toEqual({ hostId: 'host-2' });
  });

  it('derives the host from a platform given by name or id', () => {
    expect(placementIn(sampleHosts, { platform: 'Borealis KVM' })).toEqual({ hostId: 'host-2', platformId: 'kvm-borealis' });
    expect(placementIn(sampleHosts, { platform: 'lxc-atlas' })).toEqual({ hostId: 'host-1', platformId: 'lxc-atlas' });
  });

  it('looks for the platform on the given host only', () => {
    expect(() => placementIn(sampleHosts, { host: 'host-1', platform: 'kvm-borealis' })).toThrow(/no platform on Atlas that takes machines .*"kvm-borealis"; they are Atlas ESX \(esx-atlas\), Atlas LXC \(lxc-atlas\)/);
  });

  it('never offers a platform that takes no guests', () => {
    expect(() => placementIn(sampleHosts, { platform: 'os-borealis' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('names the hosts when the host is unknown', () => {
    expect(() => placementIn(sampleHosts, { host: 'Zephyr' })).toThrow(/no host is named or has the id "Zephyr"; the hosts are Atlas \(host-1\), Borealis \(host-2\)/);
  });
});
