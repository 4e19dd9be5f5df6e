import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random identifier with a readable prefix (`pk_…`, `sk_…`): prefixes make leaked secrets greppable. */
export const randomToken = (prefix: string, bytes = 24): string =>
  `${prefix}_${randomBytes(bytes).toString('base64url')}`;

export const sha256 = (text: string | Uint8Array): string =>
  createHash('sha256').update(text).digest('base64url');

/** Constant-time string comparison (length leaks, content does not). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
