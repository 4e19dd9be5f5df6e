/**
 * Test support: unsigned tokens shaped like the platform's. The planner never verifies
 * signatures, so a fake signature segment is enough. Not part of the package's API.
 */
import type { AccessTokenClaims } from '@planner/contract';

export const HOST_ORIGIN = 'https://shop.example';

let serial = 0;

/** Claims of a token issued `now` (platform clock, ms) that lives `lifetimeSeconds`. */
export function fakeClaims(
  overrides: Partial<AccessTokenClaims> = {},
  { now = Date.now(), lifetimeSeconds = 300 }: { now?: number; lifetimeSeconds?: number } = {},
): AccessTokenClaims {
  const iat = Math.floor(now / 1000);
  serial += 1;
  return {
    iss: 'https://platform.example',
    aud: 'https://platform.example/v1',
    sub: 'le:acme',
    client_id: 'key_1',
    iat,
    exp: iat + lifetimeSeconds,
    jti: `jti-${serial}`,
    scope: 'read',
    kind: 'legal_entity',
    le: 'acme',
    origins: [HOST_ORIGIN],
    ...overrides,
  };
}

const base64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function fakeJwt(
  claims: Record<string, unknown> | AccessTokenClaims,
  header: Record<string, unknown> = { alg: 'ES256', typ: 'at+jwt', kid: 'k1' },
): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

/** A token issued now (platform clock) with the given lifetime and claims. */
export function fakeToken(
  overrides: Partial<AccessTokenClaims> = {},
  options: { now?: number; lifetimeSeconds?: number } = {},
): string {
  return fakeJwt(fakeClaims(overrides, options));
}
