// How kinds are named inside sentences: "a type 1 (bare metal)", `type 2 (application VMM) "vbox"`.
import type { KindDescription } from '../../shared/domain/kinds.ts';

/** The kind's label as it reads inside a sentence (first letter lower-cased). */
export function inSentence(description: Pick<KindDescription, 'label'>): string {
  return description.label.charAt(0).toLowerCase() + description.label.slice(1);
}

export function platformPhrase(description: Pick<KindDescription, 'label'>, name: string): string {
  return `${inSentence(description)} "${name}"`;
}

/** "a" or "an", for the few labels that start with a vowel sound ("an emulator"). */
export function article(phrase: string): string {
  return /^[aeio]/i.test(phrase) ? 'an' : 'a';
}

/** The label without its explanation in brackets, as chains show it: "Type 1 hosted-OS", "Paravirtualization". */
export function chainLabel(description: Pick<KindDescription, 'label'>): string {
  const bracket = description.label.indexOf(' (');
  return bracket < 0 ? description.label : description.label.slice(0, bracket);
}
