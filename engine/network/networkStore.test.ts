// Tests for virtual networks: DHCP leases per MAC, release, and static address validation.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { defaultNetworks as defaultsFor } from './networkCatalog.ts';

const defaultNetworks = defaultsFor(['host-1']);
import { NetworkStore } from './networkStore.ts';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('NetworkStore', () => {
  it('leases the lowest free address per MAC, shares it for the same MAC and releases it with the last holder', () => {
    const nets = new NetworkStore(defaultNetworks);
    expect(nets.lease('natnet', '08:00:27:00:00:01', 'a', [])).toBe('10.0.2.15');
    expect(nets.lease('natnet', '08:00:27:00:00:02', 'b', [{ machineId: 'x', networkId: 'natnet', ip: '10.0.2.16' }])).toBe('10.0.2.17');
    expect(nets.lease('natnet', '08:00:27:00:00:01', 'c', [])).toBe('10.0.2.15');
    nets.release('natnet', '08:00:27:00:00:01', 'a');
    expect(nets.leaseOf('natnet', '08:00:27:00:00:01')).toBe('10.0.2.15');
    nets.release('natnet', '08:00:27:00:00:01', 'c');
    expect(nets.leaseOf('natnet', '08:00:27:00:00:01')).toBeUndefined();
    expect(nets.lease('natnet', '08:00:27:00:00:03', 'd', [])).toBe('10.0.2.15');
  });

  it('validates static addresses: format, subnet, and not the network, broadcast, gateway or DHCP server', () => {
    const nets = new NetworkStore(defaultNetworks);
    expect(nets.validateStatic('natnet', ' 10.0.2.20', 'ip')).toBe('10.0.2.20');
    const cases: Array<[string, string]> = [
      ['10.0.2', '"10.0.2" is not an IPv4 address; enter one like 10.0.2.20'],
      ['10.0.3.5', "10.0.3.5 is outside NatNetwork's subnet 10.0.2.0/24"],
      ['10.0.2.0', '10.0.2.0 is the network address of NatNetwork; choose a host address'],
      ['10.0.2.255', '10.0.2.255 is the broadcast address of NatNetwork; choose a host address'],
      ['10.0.2.1', '10.0.2.1 is the gateway of NatNetwork; choose another address'],
      ['10.0.2.3', '10.0.2.3 is the DHCP server of NatNetwork; choose another address'],
    ];
    for (const [ip, message] of cases) expect(refusal(() => nets.validateStatic('natnet', ip, 'ip')).toData()).toEqual({ code: 'VALIDATION', field: 'ip', message });
  });

  it('resolves the network of an attachment and refuses a network of another kind', () => {
    const nets = new NetworkStore(defaultNetworks);
    expect(nets.resolve('hostOnly', undefined, 'n').id).toBe('vboxnet0');
    expect(refusal(() => nets.resolve('bridged', 'natnet', 'n')).message).toBe('Network "NatNetwork" is a nat network, not bridged');
  });
});
