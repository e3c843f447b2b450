// Hostile-input-safe XML parsing into a namespace-resolved element tree (no DOCTYPE, no entities, bounded size).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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

export const xmlLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 64 } as const;

const predefined: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** One pass over the five predefined entities and character references: nothing declared is ever expanded. */
function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z_][\w.-]{0,63});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const value = predefined[ref];
    if (value === undefined) throw new AppError('VALIDATION', `The OVF descriptor uses the undeclared entity "&${ref};"; entities are not expanded`);
    return value;
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: xmlLimits.maxDepth,
});

type RawNode = Record<string, unknown>;

function splitName(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: '', local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

function resolve(tag: string, node: RawNode, inherited: ReadonlyMap<string, string>): XElement {
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(inherited);
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
  }
  const lookup = (prefix: string, what: string): string => {
    if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
    const uri = scope.get(prefix);
    if (uri === undefined) throw new AppError('VALIDATION', `The OVF descriptor uses the undeclared namespace prefix "${prefix}" on ${what}`);
    return uri;
  };
  const { prefix, local } = splitName(tag);
  const attrs: XAttr[] = [];
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const parts = splitName(name);
    // Unprefixed attributes belong to no namespace (XML Namespaces §6.2).
    attrs.push({ ns: parts.prefix ? lookup(parts.prefix, `attribute "${name}"`) : '', local: parts.local, value: decodeReferences(String(value)) });
  }
  const children: XElement[] = [];
  let text = '';
  for (const child of (node[tag] ?? []) as RawNode[]) {
    const childTag = Object.keys(child).find((key) => key !== ':@');
    if (childTag === undefined) continue;
    if (childTag === '#text') text += String(child['#text']);
    else if (!childTag.startsWith('?') && !childTag.startsWith('!')) children.push(resolve(childTag, child, scope));
  }
  return { ns: prefix || scope.has('') ? lookup(prefix, `element <${tag}>`) : '', local, attrs, children, text: decodeReferences(text) };
}

/** Parses untrusted XML text; throws AppError VALIDATION with a specific message on anything unsafe or malformed. */
export function parseXmlSafely(input: string | Uint8Array, limits: { maxBytes: number } = xmlLimits): XElement {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > limits.maxBytes) throw new AppError('VALIDATION', `The OVF descriptor is ${size} bytes; at most ${limits.maxBytes} bytes are accepted`);
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new AppError('VALIDATION', 'The OVF descriptor is not valid UTF-8 text');
  }
  text = text.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text)) throw new AppError('VALIDATION', 'The OVF descriptor contains a DOCTYPE declaration; DOCTYPEs and entity declarations are refused');
  if (/<!ENTITY/i.test(text)) throw new AppError('VALIDATION', 'The OVF descriptor declares entities; entity declarations are refused');
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new AppError('VALIDATION', `The OVF descriptor is not well-formed XML: ${verdict.err.msg} (line ${verdict.err.line})`);
  let nodes: RawNode[];
  try {
    nodes = parser.parse(text) as RawNode[];
  } catch (error) {
    throw new AppError('VALIDATION', `The OVF descriptor could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const roots = nodes.filter((node) => Object.keys(node).some((key) => key !== ':@' && key !== '#text' && !key.startsWith('?')));
  const root = roots[0];
  if (root === undefined || roots.length !== 1) throw new AppError('VALIDATION', 'The OVF descriptor must have exactly one root element');
  const tag = Object.keys(root).find((key) => key !== ':@') as string;
  return resolve(tag, root, new Map());
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
