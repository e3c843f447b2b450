// Tests for the fit check store: debounced questions, only the latest answer counts, errors and re-asking.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { fitCheckDelayMs, useFitCheckStore } from './fitCheckStore.ts';
import { AppError } from '../../shared/errors.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';
import type { FitCheckInput } from '../../shared/domain/machine.ts';

let backend: FakeBackend;
const spec = (vcpus: number): FitCheckInput => ({ osType: 'ubuntu64', vcpus, memoryMiB: 1024, diskGiB: 10, hostId: 'host-2', platformId: 'lpar-fw' });

beforeEach(() => {
  backend = setupStores();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('fit check store', () => {
  it('asks once for the last of several quick changes', async () => {
    const fit = useFitCheckStore();
    fit.request(spec(1));
    fit.request(spec(2));
    fit.request(spec(3));
    expect(fit.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
    await flushPromises();
    expect(backend.callsOf('checkFit')).toEqual([spec(3)]);
    expect(fit.pending).toBe(false);
    expect(fit.verdict?.verdict).toBe('ok');
    expect(fit.verdictKey).toBe(fit.wantedKey);
  });

  it('does not ask again for the input it already answered, unless told to refresh', async () => {
    const fit = useFitCheckStore();
    fit.request(spec(2));
    await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
    fit.request(spec(2));
    await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
    expect(backend.callsOf('checkFit')).toHaveLength(1);
    fit.refresh();
    await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
    expect(backend.callsOf('checkFit')).toHaveLength(2);
  });

  it('reports a failed check and forgets everything on reset', async () => {
    const fit = useFitCheckStore();
    backend.overrides.checkFit = () => {
      throw new AppError('ENGINE_UNAVAILABLE', 'The engine is restarting');
    };
    fit.request(spec(2));
    await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
    await flushPromises();
    expect(fit.error).toBe('The engine is restarting');
    fit.reset();
    expect([fit.error, fit.verdict, fit.pending]).toEqual([null, null, false]);
  });
});
