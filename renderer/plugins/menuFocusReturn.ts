// Gives keyboard focus back to a dropdown's field (or a menu's button) when its menu closes inside a dialog.
//
// Why: on close, Vuetify 4.3's VOverlay makes the menu content inert (which blurs the chosen option) and then returns
// focus to the activator, except when the activator sits inside another overlay's content (it takes that for a parent
// menu that will restore focus itself). A dialog is such an overlay, so a v-select or v-menu in any dialog left focus
// on the page body: Tab restarted at the dialog's first field and Escape no longer reached the dialog. Fixed here
// once, for every dialog, instead of in each one.

/** Installs the repair on `doc`; returns what removes it. */
export function installMenuFocusReturn(doc: Document = document): () => void {
  const onFocusout = (event: FocusEvent): void => {
    // A click or Tab elsewhere names where focus goes; only a blur into nothing is repaired.
    if (event.relatedTarget !== null || !(event.target instanceof Element)) return;
    const content = event.target.closest('.v-overlay__content');
    // Only a closing overlay makes its content inert; a mousedown outside an open menu is left alone.
    if (!content?.closest('[inert]')) return;
    const overlayId = content.closest('.v-overlay')?.id;
    if (!overlayId) return;
    // After Vuetify's own return (and the select's) had their chance, so neither is fought.
    requestAnimationFrame(() => {
      const active = doc.activeElement;
      if (active !== null && active !== doc.body) return;
      // A select names its menu on its wrapper and on its input; the one that takes focus is the one to give it to.
      const owners = [...doc.querySelectorAll<HTMLElement>(`[aria-controls="${CSS.escape(overlayId)}"]`)];
      const activator = owners.find((el) => el.tabIndex >= 0 && !el.closest('[inert]') && !(el as HTMLInputElement).disabled);
      activator?.focus({ preventScroll: true });
    });
  };
  doc.addEventListener('focusout', onFocusout, true);
  return () => doc.removeEventListener('focusout', onFocusout, true);
}
