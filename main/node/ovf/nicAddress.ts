// MAC addresses read from rasd:Address: the forms tools write, normalised; all-zero, broadcast and multicast refused.
export type MacReading = { kind: 'none' } | { kind: 'ok'; mac: string } | { kind: 'refused'; reason: string };

/** "08:00:27:12:34:56", "08-00-27-12-34-56" (Windows tools) or "080027123456" (VirtualBox's own settings). */
export function readMac(raw: string | undefined, adapter: number): MacReading {
  const text = (raw ?? '').trim();
  if (text === '') return { kind: 'none' };
  const digits = /^[0-9a-fA-F]{2}([:-]?)[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/.test(text) ? text.replace(/[:-]/g, '').toUpperCase() : undefined;
  if (digits === undefined) return { kind: 'refused', reason: `network adapter ${adapter} has the address "${text}", which is not a MAC address` };
  const mac = digits.match(/../g)!.join(':');
  if (/^0+$/.test(digits)) return { kind: 'refused', reason: `network adapter ${adapter} has the all-zero MAC address ${mac}, which no adapter can use` };
  if (/^F+$/.test(digits)) return { kind: 'refused', reason: `network adapter ${adapter} has the broadcast MAC address ${mac}, which no adapter can use` };
  if ((parseInt(digits.slice(0, 2), 16) & 1) === 1) return { kind: 'refused', reason: `network adapter ${adapter} has the multicast MAC address ${mac} (odd first byte); an adapter needs a unicast address` };
  return { kind: 'ok', mac };
}
