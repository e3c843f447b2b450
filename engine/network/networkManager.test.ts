// The Network Manager through the engine facade: validation, NAT networks per host, lease renewal, static-IP checks, MAC prefixes.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, recordsOf, refusal, spec } from '../facadeTestKit.ts';

const nat = (overrides: Record<string, unknown> = {}) => ({
  name: 'LabNat',
  attachment: 'nat' as const,
  hostId: 'host-1',
  subnet: '10.20.0.0/24',
  gateway: '10.20.0.1',
  dhcpServer: '10.20.0.2',
  dhcpFirst: '10.20.0.100',
  dhcpLast: '10.20.0.199',
  ...overrides,
});

describe('Network Manager', () => {
  it('starts with a NAT network on every host (the ten rack servers too), the bridged LAN, a host-only and an internal network', () => {
    const networks = new Engine({ seed: 1 }).handle('listNetworks', {});
    expect(networks.map((n) => [n.id, n.attachment, n.hostId ?? null, n.editable])).toEqual([
      ['natnet', 'nat', 'host-1', true],
      ['natnet-host-2', 'nat', 'host-2', true],
      ['natnet-host-3', 'nat', 'host-3', true],
      ['natnet-host-4', 'nat', 'host-4', true],
      ['natnet-host-5', 'nat', 'host-5', true],
      // The three container nodes are hosts too (a VMM installed on their host OS would need one).
      ['natnet-host-6', 'nat', 'host-6', true],
      ['natnet-host-7', 'nat', 'host-7', true],
      ['natnet-host-8', 'nat', 'host-8', true],
      ...Array.from({ length: 10 }, (_, i) => `rack-${String(i + 1).padStart(2, '0')}`).map((host) => [`natnet-${host}`, 'nat', host, true]),
      ['lan', 'bridged', null, false],
      ['vboxnet0', 'hostOnly', null, true],
      ['intnet', 'internal', null, true],
    ]);
  });

  it('creates a network and reports the inventory in the change stream', () => {
    const engine = new Engine({ seed: 2 });
    engine.takeChanges();
    const created = engine.handle('createNetwork', { networkId: 'net-a', spec: nat() });
    expect(created).toMatchObject({ id: 'net-a', name: 'LabNat', hostId: 'host-1', dhcpRange: { first: '10.20.0.100', last: '10.20.0.199' }, leases: [] });
    expect(engine.takeChanges()!.inventory!.networks.map((n) => n.id)).toContain('net-a');
    // A query does not report it again.
    engine.handle('listNetworks', {});
    expect(engine.takeChanges()).toBeUndefined();
  });

  it('refuses definitions whose addresses do not fit, naming the field, and changes nothing', () => {
    const engine = new Engine({ seed: 3 });
    const before = fullSnapshot(engine);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ subnet: '10.20.0.5/24' }, 'subnet', '10.20.0.5 is not the first address of a /24; did you mean 10.20.0.0/24?'],
      [{ subnet: '10.20.0.0/31' }, 'subnet', 'The prefix length must be between /8 and /29 (a /29 leaves 6 addresses for the gateway, the DHCP server and guests)'],
      [{ gateway: '10.21.0.1' }, 'gateway', 'The gateway 10.21.0.1 is outside the subnet 10.20.0.0/24'],
      [{ dhcpServer: '10.20.0.255' }, 'dhcpServer', 'The DHCP server cannot be 10.20.0.255, the broadcast address of 10.20.0.0/24'],
      [{ dhcpFirst: '10.20.0.200' }, 'dhcpLast', 'The DHCP range ends (10.20.0.199) before it starts (10.20.0.200)'],
      [{ dhcpFirst: '10.20.0.1' }, 'dhcpFirst', 'The DHCP range 10.20.0.1–10.20.0.199 includes the gateway 10.20.0.1; leave it out of the range'],
      [{ hostId: undefined }, 'hostId', 'Choose the host of this NAT network: a NAT network does not span hosts'],
      [{ attachment: 'internal' }, 'hostId', 'An internal network is not tied to one host; only NAT networks are'],
      [{ attachment: 'bridged', hostId: undefined }, 'attachment', 'There is one bridged LAN, the physical network the hosts are on; create NAT, host-only or internal networks'],
      [{ name: 'natnetwork', subnet: '10.0.2.0/24', gateway: '10.0.2.1', dhcpServer: '10.0.2.3', dhcpFirst: '10.0.2.15', dhcpLast: '10.0.2.20' }, 'name', 'A NAT network named "NatNetwork" already exists on Atlas'],
      [{ subnet: '10.0.0.0/16', gateway: '10.0.0.1', dhcpServer: '10.0.0.2', dhcpFirst: '10.0.1.1', dhcpLast: '10.0.1.9' }, 'subnet', '10.0.0.0/16 overlaps 10.0.2.0/24 of NAT network "NatNetwork" on Atlas; choose another subnet'],
    ];
    for (const [change, field, message] of cases) {
      const error = refusal(() => engine.handle('createNetwork', { networkId: 'x', spec: nat(change) as never }));
      expect({ field: error.field, message: error.message }).toEqual({ field, message });
    }
    expect(fullSnapshot(engine)).toEqual(before);
    // The same subnet on another host is fine: NAT networks are private to their host.
    engine.handle('createNetwork', { networkId: 'x', spec: nat() });
    expect(engine.handle('createNetwork', { networkId: 'y', spec: nat({ hostId: 'host-2' }) }).hostId).toBe('host-2');
  });

  it('keeps NAT adapters on their host: another host\'s NAT network is refused', () => {
    const engine = new Engine({ seed: 4 });
    engine.handle('createMachine', { id: id(1), spec: spec({ platformId: 'xen-xenon', osType: 'debian64' }) });
    expect(engine.handle('getMachineConfig', { id: id(1) }).nics[0]!.networkId).toBe('natnet-host-4');
    const error = refusal(() => engine.handle('updateSettings', { id: id(1), patch: { nics: [{ attachment: 'nat', networkId: 'natnet' }] } }));
    expect(error.toData()).toEqual({ code: 'VALIDATION', field: 'nics.0.networkId', message: 'NAT network "NatNetwork" belongs to host "Atlas" and a NAT network does not span hosts; choose one of "Xenon"' });
  });

  it('renews leases a smaller DHCP range leaves out, refuses one that leaves out a static address, and marks those machines changed', () => {
    const engine = new Engine({ seed: 5 });
    engine.handle('createNetwork', { networkId: 'net-a', spec: nat() });
    engine.handle('createMachine', { id: id(1), spec: spec(), options: { nics: [{ attachment: 'nat', networkId: 'net-a' }] } });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'db' }), options: { nics: [{ attachment: 'nat', networkId: 'net-a', ipMode: 'static', staticIp: '10.20.0.20' }] } });
    expect(engine.handle('getMachineConfig', { id: id(1) }).nics[0]!.ip).toBe('10.20.0.100');
    expect(refusal(() => engine.handle('updateNetwork', { networkId: 'net-a', spec: nat({ subnet: '10.30.0.0/24', gateway: '10.30.0.1', dhcpServer: '10.30.0.2', dhcpFirst: '10.30.0.100', dhcpLast: '10.30.0.199' }) })).message).toBe(
      '"db" has the static address 10.20.0.20, which the new settings leave out (10.20.0.20 is outside LabNat\'s subnet 10.30.0.0/24); change its address first',
    );
    engine.takeChanges();
    engine.handle('updateNetwork', { networkId: 'net-a', spec: nat({ dhcpFirst: '10.20.0.150' }) });
    expect(engine.handle('getMachineConfig', { id: id(1) }).nics[0]!.ip).toBe('10.20.0.150');
    const changes = engine.takeChanges()!;
    expect(changes.records.map((r) => r.id).sort()).toEqual([id(1), id(2)].sort());
    expect(changes.records.find((r) => r.id === id(1))!.config!.nics[0]!.ip).toBe('10.20.0.150');
    expect(engine.handle('listEvents', { machineId: id(1) }).at(-1)!.message).toBe('DHCP lease on "LabNat" renewed: 10.20.0.100 → 10.20.0.150 (the DHCP range changed)');
  });

  it('refuses deleting a network in use or the bridged LAN, and deletes an unused one', () => {
    const engine = new Engine({ seed: 6 });
    engine.handle('createMachine', { id: id(1), spec: spec(), options: { nics: [{ attachment: 'internal' }] } });
    expect(refusal(() => engine.handle('deleteNetwork', { networkId: 'intnet' })).message).toBe('"intnet" is used by adapters of "web-01"; attach them to another network first');
    expect(refusal(() => engine.handle('deleteNetwork', { networkId: 'lan' })).message).toMatch(/^"Bridged LAN" is the physical network/);
    engine.handle('deleteNetwork', { networkId: 'vboxnet0' });
    expect(engine.handle('listNetworks', {}).map((n) => n.id)).not.toContain('vboxnet0');
  });

  it('restores networks from the inventory and moves adapters of an older library to their host\'s NAT network', () => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createNetwork', { networkId: 'net-a', spec: nat() });
    engine.handle('createMachine', { id: id(1), spec: spec({ platformId: 'kvm-hyperion' }) });
    const inventory = engine.handle('getInventory', {});
    // An older library: every NAT adapter on the one "natnet".
    const records = recordsOf(engine).map((r) => ({ ...r, config: { ...r.config!, nics: r.config!.nics.map((nic) => ({ ...nic, networkId: 'natnet' })) } }));
    const restored = new Engine({ seed: 7 });
    restored.handle('init', { seed: 7, speed: 1, machines: records, inventory });
    expect(restored.handle('listNetworks', {}).map((n) => n.id)).toContain('net-a');
    const nic = restored.handle('getMachineConfig', { id: id(1) }).nics[0]!;
    expect(nic).toMatchObject({ networkId: 'natnet-host-3', ip: records[0]!.config!.nics[0]!.ip });
    expect(restored.takeChanges()!.records.map((r) => r.id)).toEqual([id(1)]);
  });

  it('opens a library with more DHCP adapters than a pool has addresses: restored adapters without a lease stay so', () => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createMachine', { id: id(1), spec: spec({ platformId: 'kvm-hyperion' }) });
    const [template] = recordsOf(engine);
    // 400 machines on host-3, most on the older shared "natnet" (moved), none holding a lease: more than the 240 in the pool.
    const records = Array.from({ length: 400 }, (_, i) => ({
      ...template!,
      id: id(i + 1),
      name: `vm-${i}`,
      config: { ...template!.config!, nics: template!.config!.nics.map((nic) => ({ ...nic, mac: `52:54:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`, networkId: i % 5 === 0 ? 'natnet-host-3' : 'natnet', ip: '' })) },
    }));
    const restored = new Engine({ seed: 7 });
    restored.handle('init', { seed: 7, speed: 1, machines: records });
    expect(restored.handle('listMachines', {})).toHaveLength(400);
    const leases = restored.handle('listNetworks', {}).find((n) => n.id === 'natnet-host-3')!.leases;
    // The 320 moved ones took what the pool had (240); the rest, and the 80 that stayed, wait for an address.
    expect(leases).toHaveLength(240);
    expect(restored.handle('getMachineConfig', { id: id(400) }).nics[0]).toMatchObject({ networkId: 'natnet-host-3', ip: '' });
  });
});

describe('checkStaticIp', () => {
  it('answers while typing with the engine\'s rule: format, subnet, reserved, held, and a caution inside the DHCP range', () => {
    const engine = new Engine({ seed: 8 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    const check = (ip: string, machineId?: string) => engine.handle('checkStaticIp', { networkId: 'natnet', ip, ...(machineId ? { machineId } : {}) });
    expect(check('10.0.2')).toEqual({ ok: false, networkId: 'natnet', message: '"10.0.2" is not an IPv4 address; enter one like 10.0.2.20' });
    expect(check('10.0.3.4').message).toBe("10.0.3.4 is outside NatNetwork's subnet 10.0.2.0/24");
    expect(check('10.0.2.1').message).toBe('10.0.2.1 is the gateway of NatNetwork; choose another address');
    expect(check('10.0.2.15').message).toBe('10.0.2.15 is already used by "web-01" on NatNetwork; choose another address');
    expect(check('10.0.2.15', id(1))).toMatchObject({ ok: true, ip: '10.0.2.15' });
    expect(check(' 10.0.2.9 ')).toEqual({ ok: true, ip: '10.0.2.9', networkId: 'natnet' });
    expect(check('10.0.2.40')).toMatchObject({ ok: true, warning: '10.0.2.40 is inside the DHCP range 10.0.2.15–10.0.2.254 of NatNetwork; its DHCP server will not hand it out while a machine has it' });
  });

  it('is the rule the clone wizard meets: an address another machine holds is refused before anything is created', () => {
    const engine = new Engine({ seed: 9 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'db-01' }) });
    const before = fullSnapshot(engine);
    const error = refusal(() => engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'copy', ip: { mode: 'static', address: '10.0.2.16' } } }));
    expect(error.toData()).toEqual({ code: 'CONFLICT', field: 'ip.address', message: '10.0.2.16 is already used by "db-01" on NatNetwork; choose another address' });
    expect(fullSnapshot(engine)).toEqual(before);
  });
});

describe('MAC prefixes', () => {
  it('gives new adapters the prefix of the machine\'s kind and keeps existing MACs', () => {
    const engine = new Engine({ seed: 10 });
    const macOf = (n: number) => engine.handle('getMachine', { id: id(n) }).nic.mac;
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'xen', platformId: 'xen-xenon', osType: 'debian64' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'kvm', platformId: 'kvm-hyperion' }) });
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'vbox', platformId: 'ws-vbox' }) });
    engine.handle('createMachine', { id: id(4), spec: spec({ name: 'ct', platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 256, diskGiB: 1 }) });
    expect(macOf(1)).toMatch(/^00:16:3E(:[0-9A-F]{2}){3}$/);
    expect(macOf(2)).toMatch(/^52:54:00(:[0-9A-F]{2}){3}$/);
    expect(macOf(3)).toMatch(/^08:00:27(:[0-9A-F]{2}){3}$/);
    // A container has no virtual adapter: its address is on a veth of its host's bridge (see its runtime details).
    expect(macOf(4)).toBe('');
    engine.handle('updateSettings', { id: id(1), patch: { nics: [{ attachment: 'nat' }, { attachment: 'internal' }] } });
    expect(engine.handle('getMachineConfig', { id: id(1) }).nics[1]!.mac).toMatch(/^00:16:3E/);
    const clone = engine.handle('cloneMachine', { id: id(2), cloneId: id(5), options: { name: 'kvm-copy' } });
    expect(clone.nic.mac).toMatch(/^52:54:00/);
    // A record with another prefix (made before, or imported) keeps its MAC.
    const records = recordsOf(engine).map((r) => (r.id === id(1) ? { ...r, nic: { ...r.nic, mac: '08:00:27:AB:CD:EF' }, config: { ...r.config!, nics: r.config!.nics.map((n, i) => (i === 0 ? { ...n, mac: '08:00:27:AB:CD:EF' } : n)) } } : r));
    const restored = new Engine({ seed: 10 });
    restored.handle('init', { seed: 10, speed: 1, machines: records });
    expect(restored.handle('getMachine', { id: id(1) }).nic.mac).toBe('08:00:27:AB:CD:EF');
  });
});
