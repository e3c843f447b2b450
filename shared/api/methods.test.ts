// Tests that the method and event tables are complete and self-consistent.
import { describe, expect, it } from 'vitest';
import { apiMethods, isMethodName, methodNames } from './methods.ts';
import { apiEvents, eventNames, isEventName } from './events.ts';
import { ipcChannelFor } from './bridge.ts';

describe('API method table', () => {
  it('documents every method and gives it schemas', () => {
    for (const name of methodNames) {
      const def = apiMethods[name];
      expect(def.doc.length, name).toBeGreaterThan(10);
      expect(typeof def.input.safeParse, name).toBe('function');
      expect(typeof def.output.safeParse, name).toBe('function');
    }
  });

  it('recognises only own method names, never prototype keys', () => {
    expect(isMethodName('createMachine')).toBe(true);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName(42)).toBe(false);
  });

  it('derives one IPC channel per method', () => {
    const channels = new Set(methodNames.map(ipcChannelFor));
    expect(channels.size).toBe(methodNames.length);
    expect(ipcChannelFor('listMachines')).toBe('app:listMachines');
  });
});

describe('API event table', () => {
  it('has a schema per event and guards names', () => {
    expect(eventNames.length).toBe(Object.keys(apiEvents).length);
    expect(isEventName('telemetry')).toBe(true);
    expect(isEventName('constructor')).toBe(false);
  });
});
