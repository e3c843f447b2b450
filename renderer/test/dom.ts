// DOM helpers for component tests: find controls by their accessible label or text, as a user would.
export function inputByLabel(label: string, root: ParentNode = document.body): HTMLInputElement {
  // Vuetify renders a resting and a floating label; whichever is active carries `for`.
  const labelEl = [...root.querySelectorAll('label[for]')].find((l) => l.textContent?.trim() === label);
  const id = labelEl?.getAttribute('for');
  const input = id ? document.getElementById(id) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error(`No input labelled "${label}"`);
  return input;
}

export function buttonByName(name: string, root: ParentNode = document.body): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find(
    (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
  );
  if (!button) throw new Error(`No button named "${name}"`);
  return button;
}

export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Error messages Vuetify shows under the field whose label is `label`. */
export function messagesUnder(label: string): string[] {
  const input = inputByLabel(label);
  const field = input.closest('.v-input');
  return [...(field?.querySelectorAll('.v-messages__message') ?? [])].map((m) => m.textContent?.trim() ?? '');
}

export function pressKey(key: string, init: KeyboardEventInit = {}, target: EventTarget = window): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}
