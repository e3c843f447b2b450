// Tests for the menu focus repair: a menu closing inside a dialog hands focus back to its field, and nothing else moves focus.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installMenuFocusReturn } from './menuFocusReturn.ts';

let uninstall: () => void;
let frames: FrameRequestCallback[];

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  document.body.innerHTML = `
    <div role="dialog" class="v-overlay"><div class="v-overlay__content">
      <div class="v-field" aria-controls="menu-1"><input id="field" aria-controls="menu-1" /></div>
      <input id="other" />
    </div></div>
    <div class="v-overlay" id="menu-1"><div class="v-overlay__content"><div id="option" tabindex="0" role="option">Ubuntu</div></div></div>`;
  uninstall = installMenuFocusReturn(document);
});

afterEach(() => {
  uninstall();
  vi.unstubAllGlobals();
});

const el = (id: string) => document.getElementById(id)!;
const runFrames = () => frames.splice(0).forEach((frame) => frame(0));

/** What Vuetify does on close: the menu's content turns inert, which blurs the chosen option into nothing. */
function closeMenu(): void {
  el('option').closest('.v-overlay__content')!.setAttribute('inert', '');
  el('option').blur();
}

describe('installMenuFocusReturn', () => {
  it('gives focus back to the field whose menu closed with focus in it', () => {
    el('option').focus();
    closeMenu();
    expect(document.activeElement).toBe(document.body);
    runFrames();
    expect(document.activeElement).toBe(el('field'));
  });

  it('leaves focus alone when it went somewhere (a click on another field, Tab) or the menu is still open', () => {
    el('option').focus();
    el('other').focus();
    runFrames();
    expect(document.activeElement).toBe(el('other'));
    el('option').focus();
    el('option').blur();
    runFrames();
    expect(document.activeElement).toBe(document.body);
  });

  it('does not steal focus that something else gave before the next frame', () => {
    el('option').focus();
    closeMenu();
    el('other').focus();
    runFrames();
    expect(document.activeElement).toBe(el('other'));
  });
});
