import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AtelierError } from '../../../preload/errors.js';

export type BindExposure = 'loopback' | 'network';
type AddressKind = 'unspecified' | 'loopback' | 'network';

/** An address as the host will listen on it: canonical text, what it exposes, and the names clients may use for it. */
interface BindAddress {
  address: string;
  names: string[];
  exposure: BindExposure;
}

/** A literal address in canonical form, or null when `text` is not one. */
interface ParsedAddress {
  family: 4 | 6;
  /** Dotted quad, or RFC 5952 IPv6 (with its zone, if any). */
  canonical: string;
  kind: AddressKind;
}

/**
 * Parses an address the way the resolver would (inet_aton for IPv4: `127.1`, `0x7f.1`,
 * `0177.0.0.1`, `2130706433`; any IPv6 spelling, bracketed or not), so that what we check is
 * what getaddrinfo would bind: a string test for "0.0.0.0" misses `0`, `0x0` and `::ffff:0.0.0.0`.
 */
export function parseAddress(text: string): ParsedAddress | null {
  const v4 = parseIPv4(text.endsWith('.') ? text.slice(0, -1) : text);
  if (v4) return { family: 4, canonical: v4.join('.'), kind: kindOfIPv4(v4) };
  const v6 = parseIPv6(text);
  if (!v6) return null;
  return { family: 6, canonical: formatIPv6(v6.groups) + (v6.zone ? `%${v6.zone}` : ''), kind: kindOfIPv6(v6.groups) };
}

/** True for every spelling of the unspecified address (and the rest of 0.0.0.0/8, which is not a host). */
export function isUnspecifiedAddress(text: string): boolean {
  return parseAddress(text)?.kind === 'unspecified';
}

/**
 * `--host` as the web host will bind it. Refuses the unspecified address in any spelling,
 * text that is neither an address nor a host name, and a name that resolves to nothing or
 * to the unspecified address. A name binds its first address; it stays an allowed Host.
 */
export async function resolveBindAddress(host: string): Promise<BindAddress> {
  const text = host.trim();
  const literal = parseAddress(text);
  if (literal) {
    refuseUnspecified(host, literal);
    return { address: literal.canonical, names: [], exposure: literal.kind === 'loopback' ? 'loopback' : 'network' };
  }
  const name = text.toLowerCase().replace(/\.$/, '');
  if (!isHostName(name)) throw new AtelierError('INVALID_INPUT', `--host ${JSON.stringify(host)} is neither an IP address nor a host name.`);
  if (name === 'localhost') return { address: '127.0.0.1', names: ['localhost'], exposure: 'loopback' };
  const found = await lookup(name, { all: true }).catch(() => []);
  const parsed = found.map((entry) => parseAddress(entry.address)).filter((p): p is ParsedAddress => p !== null);
  if (parsed.length === 0) throw new AtelierError('INVALID_INPUT', `--host ${host}: the name does not resolve to an address of this machine.`);
  for (const entry of parsed) refuseUnspecified(host, entry);
  const first = parsed[0] as ParsedAddress;
  return { address: first.canonical, names: [name], exposure: parsed.every((p) => p.kind === 'loopback') ? 'loopback' : 'network' };
}

function refuseUnspecified(host: string, parsed: ParsedAddress): void {
  if (parsed.kind !== 'unspecified') return;
  throw new AtelierError(
    'INVALID_INPUT',
    `--host ${host} is the unspecified address (${parsed.family === 4 ? '0.0.0.0' : '::'}), which listens on every network at once: bind 127.0.0.1, or one address of this machine with --allow-network.`,
  );
}

function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label))) return false;
  // A numeric last label makes the resolver read the whole name as an IPv4 address (WHATWG does the same); it did not parse as one.
  return !/^(\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1] as string);
}

/** inet_aton: one to four parts, each decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes. */
function parseIPv4(text: string): number[] | null {
  if (!/^[0-9a-fA-FxX.]+$/.test(text)) return null;
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: bigint[] = [];
  for (const part of parts) {
    if (/^0[xX][0-9a-fA-F]*$/.test(part)) values.push(part.length === 2 ? 0n : BigInt(part));
    else if (/^0[0-7]*$/.test(part)) values.push(BigInt(`0o${part}`));
    else if (/^[1-9][0-9]*$/.test(part)) values.push(BigInt(part));
    else return null;
  }
  const last = values.pop() as bigint;
  if (values.some((v) => v > 255n)) return null;
  const lastBytes = 4 - values.length;
  if (last >= 1n << BigInt(8 * lastBytes)) return null;
  const bytes = values.map(Number);
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Number((last >> BigInt(8 * i)) & 255n));
  return bytes;
}

function parseIPv6(text: string): { groups: number[]; zone: string } | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const [body = '', zone = ''] = bare.split('%', 2);
  if (isIP(body) !== 6) return null;
  let tail: number[] = [];
  let head = body;
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4) {
    const bytes = (v4[1] as string).split('.').map(Number);
    tail = [((bytes[0] as number) << 8) | (bytes[1] as number), ((bytes[2] as number) << 8) | (bytes[3] as number)];
    head = body.slice(0, body.length - (v4[1] as string).length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const toGroups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const leftGroups = toGroups(left as string);
  const rightGroups = [...(right === undefined ? [] : toGroups(right)), ...tail];
  const fill = right === undefined ? 0 : 8 - leftGroups.length - rightGroups.length;
  const groups = right === undefined ? [...leftGroups, ...tail] : [...leftGroups, ...new Array<number>(fill).fill(0), ...rightGroups];
  return groups.length === 8 ? { groups, zone } : null;
}

function kindOfIPv4(bytes: number[]): AddressKind {
  if (bytes[0] === 0) return 'unspecified';
  if (bytes[0] === 127) return 'loopback';
  return 'network';
}

function kindOfIPv6(groups: number[]): AddressKind {
  const zeroHead = groups.slice(0, 5).every((g) => g === 0);
  if (zeroHead && groups[5] === 0xffff) return kindOfIPv4(v4Tail(groups));
  if (groups.every((g) => g === 0)) return 'unspecified';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback';
  return 'network';
}

function v4Tail(groups: number[]): number[] {
  const hi = groups[6] as number;
  const lo = groups[7] as number;
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

/** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as `::`; mapped IPv4 keeps its dotted tail. */
function formatIPv6(groups: number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${v4Tail(groups).join('.')}`;
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}
