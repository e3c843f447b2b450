// Tests for the settings form model: only changed fields in the patch, schema messages on the right keys.
import { describe, expect, it } from 'vitest';
import { changedFields, settingsFormOf, tabOfError, validateSettings } from './settingsForm.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { MachineConfig } from '../../shared/domain/machineConfig.ts';

const machine = makeMachine({ name: 'web-01', memoryMiB: 2048, diskGiB: 20 });
const config: MachineConfig = {
  machineId: machine.id,
  disk: { allocation: 'dynamic', capacityGiB: 20, currentImageId: 'i', chain: ['i'], ownedMiB: 100 },
  nics: [{ slot: 1, attachment: 'nat', networkId: 'natnet', mac: '08:00:27:00:00:01', ipMode: 'dhcp', ip: '10.0.2.15' }],
  optical: { kind: 'empty' },
  snapshotCount: 0,
};

describe('settingsForm', () => {
  it('puts nothing in the patch until something changes, then only what changed', () => {
    const initial = settingsFormOf(machine, config);
    expect(changedFields(initial, settingsFormOf(machine, config))).toEqual({});
    const form = { ...settingsFormOf(machine, config), memoryMiB: '4096', opticalKind: 'iso' as const, isoImage: 'debian.iso' };
    expect(validateSettings(initial, form).patch).toEqual({ memoryMiB: 4096, optical: { kind: 'iso', image: 'debian.iso' } });
  });

  it('sends the adapter list whole when an adapter changes', () => {
    const initial = settingsFormOf(machine, config);
    const form = settingsFormOf(machine, config);
    form.nics = [{ ...form.nics[0]!, ipMode: 'static', staticIp: '10.0.2.40' }];
    expect(validateSettings(initial, form).patch).toEqual({ nics: [{ attachment: 'nat', networkId: 'natnet', mac: '08:00:27:00:00:01', ipMode: 'static', staticIp: '10.0.2.40' }] });
  });

  it('keys schema messages by field and adapter, and knows their tab', () => {
    const initial = settingsFormOf(machine, config);
    const form = settingsFormOf(machine, config);
    form.name = ' ';
    form.nics = [{ ...form.nics[0]!, ipMode: 'static', staticIp: '10.0.2' }];
    form.opticalKind = 'iso';
    const { patch, errors } = validateSettings(initial, form, 20);
    expect(patch).toBeNull();
    expect(errors).toEqual({ name: 'Enter a name for the machine', 'nics.0.staticIp': 'Enter an IPv4 address like 10.0.2.20', isoImage: 'Enter the ISO image name' });
    expect(Object.keys(errors).map(tabOfError)).toEqual(['general', 'network', 'optical']);
  });
});
