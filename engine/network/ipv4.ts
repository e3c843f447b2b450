// IPv4 addresses as 32-bit numbers: parsing, formatting and subnet arithmetic for the virtual networks.

export function parseIpv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const byte = Number(part);
    if (byte > 255 || (part.length > 1 && part.startsWith('0'))) return undefined;
    value = value * 256 + byte;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

export interface Subnet {
  readonly network: number;
  readonly prefix: number;
}

export function parseCidr(cidr: string): Subnet {
  const [address, bits] = cidr.split('/');
  const network = parseIpv4(address ?? '');
  const prefix = Number(bits);
  if (network === undefined || !Number.isInteger(prefix) || prefix < 1 || prefix > 30) throw new RangeError(`Bad subnet "${cidr}"`);
  return { network, prefix };
}

export function broadcastOf(subnet: Subnet): number {
  return subnet.network + 2 ** (32 - subnet.prefix) - 1;
}

export function inSubnet(subnet: Subnet, ip: number): boolean {
  return ip >= subnet.network && ip <= broadcastOf(subnet);
}
