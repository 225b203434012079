import net from 'node:net';
import { isLoopbackHost } from '../../../preload/schemas/remote.js';

/**
 * Where a download address points, by the address itself (names other than localhost
 * count as public: they are not resolved here). A redirect may not reach a class the
 * first address could not name, so a public server cannot bounce a download onto this
 * computer, the local network or a cloud metadata address.
 */
type AddressClass = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'other' | 'public';

const V4_RANGES: Array<[string, number, AddressClass]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'private'],
  ['169.254.0.0', 16, 'link-local'],
  ['224.0.0.0', 4, 'other'],
  ['240.0.0.0', 4, 'other'],
];

const V6_RANGES: Array<[string, number, AddressClass]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'other'],
];

function lists(): Map<AddressClass, net.BlockList> {
  const byClass = new Map<AddressClass, net.BlockList>();
  const add = (address: string, prefix: number, type: 'ipv4' | 'ipv6', cls: AddressClass) => {
    const list = byClass.get(cls) ?? new net.BlockList();
    list.addSubnet(address, prefix, type);
    byClass.set(cls, list);
  };
  for (const [a, p, c] of V4_RANGES) add(a, p, 'ipv4', c);
  for (const [a, p, c] of V6_RANGES) add(a, p, 'ipv6', c);
  return byClass;
}
const BY_CLASS = lists();

/** `::ffff:7f00:1` (how URL writes ::ffff:127.0.0.1) → `127.0.0.1`; anything else unchanged. */
function unmapV4(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1] as string;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return address;
  const hi = parseInt(hex[1] as string, 16);
  const lo = parseInt(hex[2] as string, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The class of a URL's hostname (as `new URL()` leaves it: IPv4 canonical, IPv6 in brackets). */
export function addressClass(hostname: string): AddressClass {
  const bare = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  // The one list of loopback spellings, shared with the remote-key check and the UI.
  if (isLoopbackHost(bare)) return 'loopback';
  const address = unmapV4(bare);
  const type = net.isIP(address);
  if (type === 0) return 'public';
  for (const [cls, list] of BY_CLASS) if (list.check(address, type === 4 ? 'ipv4' : 'ipv6')) return cls;
  return 'public';
}

/** The rule every download address obeys, the first and each hop: https, or plain http to this computer. */
export function downloadUrlProblem(url: URL): string | null {
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && addressClass(url.hostname) === 'loopback') return null;
  return `${url.protocol === 'http:' ? 'plain http' : url.protocol} is not allowed (only https, or http to this computer)`;
}

/**
 * Why a redirect from `from` to `to` must not be followed, or null. `first` is the
 * address the download started at: a hop may reach that address's own class or the
 * public internet, never a more private one, never the unspecified address, and never
 * drop from https to http.
 */
export function redirectProblem(first: URL, from: URL, to: URL): string | null {
  if (to.username || to.password) return `it leads to an address with credentials in it (${to.host})`;
  const rule = downloadUrlProblem(to);
  if (rule) return `it leads to ${to.protocol}//${to.host}: ${rule}`;
  if (from.protocol === 'https:' && to.protocol !== 'https:') return `it downgrades from https to ${to.protocol.replace(':', '')} (${to.host})`;
  const target = addressClass(to.hostname);
  const start = addressClass(first.hostname);
  if (target === 'unspecified' || target === 'other') return `it leads to ${to.host}, which is not a host to download from`;
  if (target !== 'public' && target !== start) return `it leads from a ${start} address to a ${target} one (${to.host})`;
  return null;
}
