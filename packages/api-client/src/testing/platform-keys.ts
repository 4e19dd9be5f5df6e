/**
 * Test support: a real ES256 key pair playing the platform's signing key, and tokens signed
 * with it exactly as the platform signs them (`typ: at+jwt`, `kid`, its issuer and audience).
 * Not part of the package's API.
 */
import type { AccessTokenClaims } from '@planner/contract';
import { type CryptoKey, exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';
import { fakeClaims } from './fake-jwt.ts';

export const PLATFORM = 'https://platform.example';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as the platform's JWKS lists it. */
  jwk: JSONWebKeySet['keys'][number];
}

export async function signingKey(kid = 'k1'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

export const keySet = (...keys: SigningKey[]): JSONWebKeySet => ({ keys: keys.map((k) => k.jwk) });

/** A token signed with `key`: the platform's claims (see `fakeClaims`) with `overrides`. */
export function signToken(
  key: SigningKey,
  overrides: Partial<AccessTokenClaims> | Record<string, unknown> = {},
  options: { now?: number; lifetimeSeconds?: number; typ?: string; kid?: string } = {},
): Promise<string> {
  const claims = { ...fakeClaims({}, options), ...overrides };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: options.typ ?? 'at+jwt', kid: options.kid ?? key.kid })
    .sign(key.privateKey);
}
