import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import type { AppEnv } from './env.ts';

/**
 * The caller's address, for rate limits. Behind `trustedProxies` reverse proxies, each of
 * which appends the address it received the request from to `X-Forwarded-For`, the entry
 * that the outermost trusted proxy added: `trustedProxies` from the right. Entries left of
 * it are the caller's to write and never used. Fewer entries than trusted hops, or one that
 * is not an address, means the request did not come the way the configuration says: the
 * socket's address then, which a caller cannot forge. Without a socket (`app.request()` in
 * tests) there is no address to tell.
 */
export function clientAddress(c: Context<AppEnv>, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map((entry) => entry.trim());
    const entry = hops.length >= trustedProxies ? hops[hops.length - trustedProxies] : undefined;
    if (entry && isIP(entry)) return entry;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The group an address is limited as. An IPv6 subscriber usually holds a whole /64 (RFC
 * 6177), so limiting single IPv6 addresses would limit nobody: one /64 is one caller. IPv4
 * stays itself, an IPv4-mapped IPv6 address included.
 */
export function addressGroup(address: string): string {
  if (!isIP(address)) return address;
  // process(): an IPv4-mapped IPv6 address becomes its IPv4 address.
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}

/** The rate-limit group of this request's caller. */
export const clientGroup = (c: Context<AppEnv>): string =>
  addressGroup(clientAddress(c, c.get('services').config.trustedProxies));
