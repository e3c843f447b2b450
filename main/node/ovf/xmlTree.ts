// Hostile-input-safe XML parsing (saxes, namespace-aware) into a small element tree: no DOCTYPE, no entities, bounded.
import { SaxesParser } from 'saxes';
import type { SaxesTagNS } from 'saxes';
import { AppError } from '../../../shared/errors.ts';

export interface XAttr {
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

export interface XElement {
  readonly ns: string;
  readonly local: string;
  readonly attrs: readonly XAttr[];
  readonly children: readonly XElement[];
  readonly text: string;
}

export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxAttributes: number;
}

/**
 * Sized for the largest descriptor Virtlab itself writes (500 machines with every field at its longest, see
 * exportLimits.test.ts), with room to spare; a hostile file cannot make the tree much larger than its own bytes.
 */
export const xmlLimits: XmlLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 64, maxElements: 1_000_000, maxAttributes: 64 };

const predefined: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlnsUri = 'http://www.w3.org/2000/xmlns/';

const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

/** The five predefined entities resolve; any other name is refused by name instead of being looked up anywhere. */
const entityTable = new Proxy(predefined, {
  get: (table, name) => (typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : refuse(`The OVF descriptor uses the undeclared entity "&${String(name)};"; entities are not expanded`)),
});

interface Building {
  readonly ns: string;
  readonly local: string;
  readonly attrs: XAttr[];
  readonly children: XElement[];
  text: string;
}

function decode(input: string | Uint8Array, limits: XmlLimits): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > limits.maxBytes) refuse(`The OVF descriptor is ${size} bytes; at most ${limits.maxBytes} bytes are accepted`);
  try {
    return (typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input)).replace(/^\uFEFF/, '');
  } catch {
    return refuse('The OVF descriptor is not valid UTF-8 text');
  }
}

/**
 * Parses untrusted XML text; throws AppError VALIDATION with a specific message on anything unsafe or malformed.
 * `canonicalNs` maps namespace URIs to the spelling callers compare against (e.g. OVF's tolerated variants).
 */
export function parseXmlSafely(input: string | Uint8Array, limits: XmlLimits = xmlLimits, canonicalNs: (uri: string) => string = (uri) => uri): XElement {
  const text = decode(input, limits);
  // Checked on the raw text too, so a declaration is refused even where the parser would stop earlier for another reason.
  if (/<!DOCTYPE/i.test(text)) refuse('The OVF descriptor contains a DOCTYPE declaration; DOCTYPEs and entity declarations are refused');
  if (/<!ENTITY/i.test(text)) refuse('The OVF descriptor declares entities; entity declarations are refused');
  const parser = new SaxesParser({
    xmlns: true,
    // An element without prefix and without default namespace is in no namespace; any other unknown prefix is an error.
    resolvePrefix: (prefix: string) => (prefix === '' ? '' : refuse(`The OVF descriptor uses the undeclared namespace prefix "${prefix}"`)),
  });
  parser.ENTITIES = entityTable;
  const stack: Building[] = [];
  let root: XElement | undefined;
  let elements = 0;
  parser.on('doctype', () => refuse('The OVF descriptor contains a DOCTYPE declaration; DOCTYPEs and entity declarations are refused'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    elements += 1;
    if (elements > limits.maxElements) refuse(`The OVF descriptor has more than ${limits.maxElements} elements; refused`);
    if (stack.length >= limits.maxDepth) refuse(`The OVF descriptor nests elements more than ${limits.maxDepth} levels deep; refused`);
    const attrs: XAttr[] = [];
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === xmlnsUri || attribute.name === 'xmlns') continue;
      attrs.push({ ns: attribute.uri ? canonicalNs(attribute.uri) : '', local: attribute.local, value: attribute.value });
    }
    if (attrs.length > limits.maxAttributes) refuse(`Element <${tag.name}> has ${attrs.length} attributes; at most ${limits.maxAttributes} are accepted`);
    stack.push({ ns: tag.uri ? canonicalNs(tag.uri) : '', local: tag.local, attrs, children: [], text: '' });
  });
  const addText = (chunk: string): void => {
    const current = stack.at(-1);
    if (current) current.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const done = stack.pop() as Building;
    const element: XElement = { ns: done.ns, local: done.local, attrs: done.attrs, children: done.children, text: done.text.trim() };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof AppError) throw error;
    refuse(`The OVF descriptor is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return root ?? refuse('The OVF descriptor must have exactly one root element');
}

export function childrenOf(element: XElement, ns: string | readonly string[], local: string): XElement[] {
  const spaces = typeof ns === 'string' ? [ns] : ns;
  return element.children.filter((child) => child.local === local && spaces.includes(child.ns));
}

export function firstChild(element: XElement, ns: string | readonly string[], local: string): XElement | undefined {
  return childrenOf(element, ns, local)[0];
}

/** Attribute in `ns`, or the same local name unqualified (some tools omit the ovf: prefix). */
export function attr(element: XElement, ns: string | readonly string[], local: string): string | undefined {
  const spaces = typeof ns === 'string' ? [ns] : ns;
  return (element.attrs.find((a) => a.local === local && spaces.includes(a.ns)) ?? element.attrs.find((a) => a.local === local && a.ns === ''))?.value;
}
