// Tests for the fit check panel: each verdict with its colour and icon, reasons, what would free room and the chain.
import { describe, expect, it } from 'vitest';
import FitCheckPanel from './FitCheckPanel.vue';
import type { FitVerdict } from '../../shared/domain/fitCheck.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';

const zones = { vcpus: { green: 15, amber: 15 }, memoryMiB: { green: 1000, amber: 1000 } };
const chain = ['Mainframe hardware (x86_64)', 'Type 0: Mainframe partitions', 'lpar-b'];

function render(verdict: FitVerdict | null, extra: { pending?: boolean; error?: string | null; incomplete?: boolean } = {}) {
  setupStores();
  const wrapper = mountWithApp(FitCheckPanel, { props: { verdict, pending: false, error: null, incomplete: false, ...extra } });
  const region = wrapper.find('[role="region"][aria-label="Fit check"]');
  return { wrapper, region };
}

describe('FitCheckPanel', () => {
  it('shows an ok verdict in green with the nesting chain, hardware first', () => {
    const { region } = render({ verdict: 'ok', reasons: [], wouldFree: [], chain, zones });
    expect(region.classes()).toContain('fit-check--success');
    expect(region.text()).toContain('Fits');
    expect(region.find('.mdi-check-circle').exists()).toBe(true);
    expect(region.findAll('ol[aria-label="Nesting chain"] li').map((li) => li.text())).toEqual(chain);
  });

  it('shows a warning verdict in amber with each warning', () => {
    const { region } = render({
      verdict: 'warning',
      reasons: [{ severity: 'warning', code: 'VALIDATION', field: 'platform', message: 'Desktop VMM runs without administrator privileges' }],
      wouldFree: [],
      chain,
      zones,
    });
    expect(region.classes()).toContain('fit-check--warning');
    expect(region.text()).toContain('Fits, with warnings');
    expect(region.find('.mdi-alert').exists()).toBe(true);
    expect(region.find('[aria-label="Reasons"]').text()).toContain('Desktop VMM runs without administrator privileges');
  });

  it('shows a refusal in red with the engine\'s explanation and what would free room', () => {
    const { region } = render({
      verdict: 'refused',
      reasons: [
        { severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: 'Type 0 needs 2 dedicated cores for "lpar-b"; 1 is free' },
        { severity: 'warning', code: 'VALIDATION', field: 'io', message: 'I/O goes through the control partition' },
      ],
      wouldFree: ['powering off "lpar-a" would free 14 cores'],
      chain,
      zones,
    });
    expect(region.classes()).toContain('fit-check--error');
    expect(region.text()).toContain('Refused');
    expect(region.find('.mdi-close-octagon').exists()).toBe(true);
    const reasons = region.findAll('[aria-label="Reasons"] li');
    expect(reasons.map((r) => r.text())).toEqual(['Type 0 needs 2 dedicated cores for "lpar-b"; 1 is free', 'I/O goes through the control partition']);
    expect(reasons[0]?.find('.mdi-close-circle').exists()).toBe(true);
    expect(reasons[1]?.find('.mdi-alert-circle').exists()).toBe(true);
    expect(region.find('[aria-label="Would free"]').text()).toBe('powering off "lpar-a" would free 14 cores');
  });

  it('asks for the missing fields while the form is incomplete, and says when the check failed', () => {
    expect(render(null, { incomplete: true }).region.text()).toContain('Complete the OS type and sizes');
    const failed = render(null, { error: 'The engine is restarting' }).region;
    expect(failed.text()).toContain('The fit could not be checked: The engine is restarting');
    expect(render(null, { pending: true }).region.attributes('aria-busy')).toBe('true');
  });
});
