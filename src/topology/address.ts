import { BlockList, isIP } from 'node:net';

export function isIpLiteral(text: string): boolean {
  return isIP(text) !== 0;
}

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

function ipToBigInt(ip: string): { family: 4 | 6; value: bigint } | undefined {
  const family = isIP(ip);
  if (family === 4) {
    return { family, value: ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n) };
  }
  if (family === 6) {
    const [head = '', tail] = ip.split('::');
    const expand = (s: string) => (s ? s.split(':') : []);
    const headParts = expand(head);
    const tailParts = tail === undefined ? [] : expand(tail);
    // An embedded IPv4 tail (::ffff:1.2.3.4) is rare in a private plan; treat it as not comparable.
    if ([...headParts, ...tailParts].some((p) => p.includes('.'))) return undefined;
    const missing = 8 - headParts.length - tailParts.length;
    const parts = [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts];
    return { family, value: parts.reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part, 16)), 0n) };
  }
  return undefined;
}

export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const ip = ipToBigInt(match[1]!);
  const prefix = Number(match[2]);
  if (!ip || prefix > (ip.family === 4 ? 32 : 128)) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { family: ip.family, base: ip.value & mask, prefix };
}

/** Host addresses in the block, less network and broadcast where IPv4 reserves them. */
export function usableAddresses(cidr: Cidr): bigint {
  const bits = cidr.family === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - cidr.prefix);
  if (cidr.family === 4 && cidr.prefix <= 30) return size - 2n;
  return size;
}

/** The block's network address, as text net.BlockList takes. */
function baseAddress(cidr: Cidr): string {
  if (cidr.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((cidr.base >> shift) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((cidr.base >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}

/** Whether the block holds the address (net.BlockList decides); undefined across families or for non-addresses. */
export function cidrContains(cidr: Cidr, ip: string): boolean | undefined {
  const family = isIP(ip);
  if (family !== cidr.family) return undefined;
  // Embedded IPv4 tails are not comparable (see ipToBigInt), whatever BlockList makes of them.
  if (!ipToBigInt(ip)) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const block = new BlockList();
  block.addSubnet(baseAddress(cidr), cidr.prefix, type);
  return block.check(ip, type);
}
