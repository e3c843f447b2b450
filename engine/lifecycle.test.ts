// Tests for the life-cycle transition rules in isolation.
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { machineStates } from '../shared/domain/machineState.ts';
import type { LifecycleAction, MachineState } from '../shared/domain/machineState.ts';
import { applyAction, assertDeletable, defaultTimings, settleIfDue } from './lifecycle.ts';
import type { LifecycleSubject } from './lifecycle.ts';

const subject = (state: MachineState = 'PoweredOff'): LifecycleSubject => ({
  name: 'web-01',
  state,
  stateSinceMs: 0,
  settlesAtMs: undefined,
});

describe('applyAction', () => {
  it('walks start → Starting, settles to Running after exactly 3 s', () => {
    const m = subject();
    applyAction(m, 'start', 1000, defaultTimings);
    expect(m).toMatchObject({ state: 'Starting', stateSinceMs: 1000, settlesAtMs: 4000 });
    expect(settleIfDue(m, 3900, defaultTimings)).toBe(false);
    expect(settleIfDue(m, 4100, defaultTimings)).toBe(true);
    expect(m).toMatchObject({ state: 'Running', stateSinceMs: 4000, settlesAtMs: undefined });
  });

  it('pauses, resumes, and stops through Stopping (2 s) to PoweredOff', () => {
    const m = subject('Running');
    applyAction(m, 'pause', 10, defaultTimings);
    expect(m.state).toBe('Paused');
    expect(settleIfDue(m, 1e9, defaultTimings)).toBe(false);
    applyAction(m, 'resume', 20, defaultTimings);
    expect(m).toMatchObject({ state: 'Running', stateSinceMs: 20 });
    applyAction(m, 'stop', 30, defaultTimings);
    expect(m).toMatchObject({ state: 'Stopping', settlesAtMs: 2030 });
    settleIfDue(m, 2030, defaultTimings);
    expect(m).toMatchObject({ state: 'PoweredOff', stateSinceMs: 2030 });
  });

  it('stopping while Starting cancels the boot', () => {
    const m = subject();
    applyAction(m, 'start', 0, defaultTimings);
    applyAction(m, 'stop', 500, defaultTimings);
    settleIfDue(m, 2400, defaultTimings);
    expect(m.state).toBe('Stopping');
    settleIfDue(m, 2500, defaultTimings);
    expect(m.state).toBe('PoweredOff');
  });

  it('refuses every action outside its allowed states, with a message naming the state, and changes nothing', () => {
    const allowed: Record<LifecycleAction, MachineState[]> = {
      start: ['PoweredOff'],
      pause: ['Running'],
      resume: ['Paused'],
      stop: ['Starting', 'Running', 'Paused'],
    };
    for (const action of Object.keys(allowed) as LifecycleAction[]) {
      for (const state of machineStates) {
        const m = subject(state);
        const before = { ...m };
        if (allowed[action].includes(state)) {
          expect(() => applyAction(m, action, 5, defaultTimings)).not.toThrow();
          continue;
        }
        let caught: unknown;
        try {
          applyAction(m, action, 5, defaultTimings);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(AppError);
        expect((caught as AppError).code).toBe('INVALID_STATE');
        expect(m).toEqual(before);
      }
    }
    const m = subject('PoweredOff');
    expect(() => applyAction(m, 'pause', 0, defaultTimings)).toThrow('Cannot pause "web-01": it is Powered Off');
  });
});

describe('assertDeletable', () => {
  it('allows only PoweredOff', () => {
    expect(() => assertDeletable(subject('PoweredOff'))).not.toThrow();
    expect(() => assertDeletable(subject('Running'))).toThrow('Stop "web-01" before deleting it');
    expect(() => assertDeletable(subject('Stopping'))).toThrow('Wait for "web-01" to finish stopping before deleting it');
  });
});
