import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { isUnspecifiedAddress } from './bind-address.js';

/**
 * The Host values a browser may send to this server. Anything else is a DNS
 * rebinding attempt: a foreign name that resolves to our address.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const hosts = new Set<string>();
  const add = (name: string) => {
    hosts.add(`${name}:${port}`.toLowerCase());
    // Browsers leave the default port out of Host and Origin.
    if (port === 80) hosts.add(name.toLowerCase());
  };
  if (isIP(boundHost) === 6) add(`[${boundHost}]`);
  else add(boundHost);
  if (boundHost === '127.0.0.1' || boundHost === '::1') add('localhost');
  return hosts;
}

export function hostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}

/** No Origin (curl, scripts, the CLI) is fine; a browser page from anywhere else is not. */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowed.has(url.host.toLowerCase()) && url.origin === origin.toLowerCase();
  } catch {
    return false;
  }
}

export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
  return match !== null && tokensEqual(match[1] as string, token);
}

/** Browsers cannot set headers on a WebSocket, so the token rides as a subprotocol `bearer.<token>`. */
export function websocketTokenMatches(protocolHeader: string | undefined, token: string): boolean {
  const offered = (protocolHeader ?? '').split(',').map((p) => p.trim());
  return offered.some((p) => p.startsWith('bearer.') && tokensEqual(p.slice('bearer.'.length), token));
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every spelling of the unspecified address (`0`, `0x0`, `::ffff:0.0.0.0`, …), parsed as the resolver would. */
export function isWildcardAddress(host: string): boolean {
  return isUnspecifiedAddress(host.trim());
}
