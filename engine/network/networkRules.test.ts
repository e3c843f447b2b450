// Tests for network and drive rules through the engine facade: IP conflicts, MAC uniqueness, lease release, host DVD.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, recordsOf, refusal, spec, startAndWait } from '../facadeTestKit.ts';

function twoMachines(): Engine {
  const engine = new Engine({ seed: 9 });
  engine.handle('createMachine', { id: id(1), spec: spec() });
  engine.handle('createMachine', { id: id(2), spec: spec({ name: 'db-01' }) });
  return engine;
}

describe('network rules', () => {
  it('gives each new machine one NAT adapter with a DHCP lease from the pool', () => {
    const engine = twoMachines();
    const nics = engine.handle('getMachineConfig', { id: id(1) }).nics;
    expect(nics).toEqual([{ slot: 1, attachment: 'nat', networkId: 'natnet', mac: engine.handle('getMachine', { id: id(1) }).nic.mac, ipMode: 'dhcp', ip: '10.0.2.15' }]);
    expect(engine.handle('getMachineConfig', { id: id(2) }).nics[0]!.ip).toBe('10.0.2.16');
  });

  it('refuses a static IP another machine holds (running or not, by DHCP or statically), naming it, and changes nothing', () => {
    const engine = twoMachines();
    const before = fullSnapshot(engine);
    const error = refusal(() => engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.15' }] } }));
    expect(error.toData()).toEqual({ code: 'CONFLICT', field: 'nics.0.staticIp', message: '10.0.2.15 is already used by "web-01" on NatNetwork; choose another address' });
    expect(fullSnapshot(engine)).toEqual(before);
    engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.50' }] } });
    const taken = refusal(() => engine.handle('updateSettings', { id: id(1), patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.50' }] } }));
    expect(taken.message).toBe('10.0.2.50 is already used by "db-01" on NatNetwork; choose another address');
    // Its own address is not a conflict.
    engine.handle('updateSettings', { id: id(1), patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.15' }] } });
    expect(engine.handle('getMachineConfig', { id: id(1) }).nics[0]).toMatchObject({ ipMode: 'static', ip: '10.0.2.15' });
  });

  it('still refuses starting a machine whose address a running one holds (two records restored with one address)', () => {
    const engine = twoMachines();
    engine.handle('updateSettings', { id: id(1), patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.50' }] } });
    engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.51' }] } });
    const records = recordsOf(engine).map((record) =>
      record.id === id(2) ? { ...record, config: { ...record.config!, nics: record.config!.nics.map((nic) => ({ ...nic, ip: '10.0.2.50' })) } } : record,
    );
    const restored = new Engine({ seed: 9 });
    restored.handle('init', { seed: 9, speed: 1, machines: records });
    startAndWait(restored, id(2));
    const error = refusal(() => restored.handle('lifecycle', { id: id(1), action: 'start' }));
    expect(error.toData()).toEqual({ code: 'CONFLICT', field: 'nics.0.staticIp', message: '10.0.2.50 is already used by running machine "db-01"' });
    expect(restored.handle('getMachine', { id: id(1) }).state).toBe('PoweredOff');
  });

  it('keeps MAC addresses unique across the library', () => {
    const engine = twoMachines();
    const mac = engine.handle('getMachine', { id: id(1) }).nic.mac;
    const error = refusal(() => engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat', mac: mac.toLowerCase() }] } }));
    expect(error.toData()).toEqual({ code: 'CONFLICT', field: 'nics.0.mac', message: `MAC address ${mac} is already used by "web-01"` });
    const twice = refusal(() => engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat', mac: '08:00:27:AA:AA:AA' }, { attachment: 'internal', mac: '08:00:27:AA:AA:AA' }] } }));
    expect(twice.message).toBe('Adapters 1 and 2 have the same MAC address 08:00:27:AA:AA:AA');
    expect(refusal(() => engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat', mac: '09:00:27:00:00:01' }] } })).message).toMatch(/unicast/);
    const other = engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat', mac: '52:54:00:12:34:56' }] } });
    expect(other.nic.mac).toBe('52:54:00:12:34:56');
  });

  it('releases DHCP leases when a machine is deleted or an adapter removed', () => {
    const engine = twoMachines();
    engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat' }, { attachment: 'hostOnly' }] } });
    const leases = () => engine.handle('listNetworks', {}).flatMap((n) => n.leases.map((l) => `${n.id} ${l.ip}`));
    expect(leases()).toEqual(['natnet 10.0.2.15', 'natnet 10.0.2.16', 'vboxnet0 192.168.56.101']);
    engine.handle('updateSettings', { id: id(2), patch: { nics: [{ attachment: 'nat' }] } });
    expect(leases()).toEqual(['natnet 10.0.2.15', 'natnet 10.0.2.16']);
    engine.handle('deleteMachine', { id: id(1) });
    expect(leases()).toEqual(['natnet 10.0.2.16']);
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'new' }) });
    expect(engine.handle('getMachineConfig', { id: id(3) }).nics[0]!.ip).toBe('10.0.2.15');
  });

  it('lets only one running guest per host hold the host DVD drive', () => {
    const engine = new Engine({ seed: 10 });
    engine.handle('createMachine', { id: id(1), spec: spec(), options: { optical: { kind: 'host' } } });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'db-01' }), options: { optical: { kind: 'host' } } });
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'other-host', platformId: 'xen-xenon', osType: 'debian64' }), options: { optical: { kind: 'host' } } });
    startAndWait(engine, id(1));
    const message = 'The host DVD drive of "Atlas" is held by running machine "web-01"';
    expect(refusal(() => engine.handle('lifecycle', { id: id(2), action: 'start' })).toData()).toEqual({ code: 'CONFLICT', field: 'optical', message });
    startAndWait(engine, id(3));
    engine.handle('updateSettings', { id: id(2), patch: { optical: { kind: 'iso', image: 'ubuntu-24.04.iso' } } });
    startAndWait(engine, id(2));
    expect(refusal(() => engine.handle('updateSettings', { id: id(2), patch: { optical: { kind: 'host' } } })).message).toBe(message);
    expect(engine.handle('getMachineConfig', { id: id(2) }).optical).toEqual({ kind: 'iso', image: 'ubuntu-24.04.iso' });
  });
});
