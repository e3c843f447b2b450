// Tests for where the engine's settings refusals are shown: the field it names, the ISO field for the drive, else the form.
import { describe, expect, it } from 'vitest';
import { settingsErrorKey } from './useSettingsCheck.ts';

describe('settingsErrorKey', () => {
  it('puts a refusal on the field the engine names, without the contract prefix', () => {
    expect(settingsErrorKey('memoryMiB')).toBe('memoryMiB');
    expect(settingsErrorKey('nics.0.staticIp')).toBe('nics.0.staticIp');
    expect(settingsErrorKey('patch.nics.0.staticIp')).toBe('nics.0.staticIp');
    expect(settingsErrorKey('optical')).toBe('isoImage');
    expect(settingsErrorKey('optical.image')).toBe('isoImage');
    expect(settingsErrorKey(undefined)).toBe('form');
  });
});
