// Tests for the busy indicator of buttons: the spinner a loading button shows has an accessible name.
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { VBtn } from 'vuetify/components';
import ButtonBusyIndicator from './ButtonBusyIndicator.vue';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';

const busyButton = (slots: Record<string, () => unknown>) => defineComponent({ render: () => h(VBtn, { loading: true }, slots) });

describe('ButtonBusyIndicator', () => {
  it('gives a loading button a named progress bar, where Vuetify’s own has none', () => {
    setupStores();
    const plain = mountWithApp(busyButton({ default: () => 'Refresh' }));
    expect(plain.find('[role="progressbar"]').attributes('aria-label')).toBeUndefined();
    plain.unmount();

    const named = mountWithApp(busyButton({ default: () => 'Refresh', loader: () => h(ButtonBusyIndicator) }));
    expect(named.find('button').attributes('aria-busy')).toBe('true');
    expect(named.find('[role="progressbar"]').attributes('aria-label')).toBe('Working…');
    named.unmount();
  });
});
