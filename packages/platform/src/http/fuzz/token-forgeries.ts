import { createHmac, generateKeyPairSync } from 'node:crypto';
import { base64url, decodeJwt, decodeProtectedHeader, exportJWK, importJWK, type JWK, SignJWT } from 'jose';
import type { Services } from '../../services.ts';

/** A forged credential and what RFC 6750 says the answer to it is. */
export interface Forgery {
  name: string;
  token: string;
  /** `invalid_request` (400) for a malformed request, `invalid_token` (401) otherwise. */
  expect: 'invalid_token' | 'invalid_request';
}

const enc = (v: unknown) => base64url.encode(JSON.stringify(v));
const B64TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;
/** RFC 6750 §2.1: a credential outside the b64token syntax makes the request malformed. */
const classify = (token: string): Forgery['expect'] =>
  B64TOKEN.test(token) ? 'invalid_token' : 'invalid_request';
const forgery = (name: string, token: string): Forgery => ({ name, token, expect: classify(token) });

/** One character changed in the middle of `s`, staying within its alphabet. */
const flip = (s: string, at = Math.floor(s.length / 2)) =>
  `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same bytes, spelt otherwise: the last character's unused low bit set. */
const respell = (segment: string) => {
  const last = B64URL.indexOf(segment.at(-1)!);
  return `${segment.slice(0, -1)}${B64URL[last ^ 1]}`;
};

/** Forgeries any token admits, whatever its kind. */
function shapeForgeries(token: string): Forgery[] {
  return [
    forgery('truncated by one', token.slice(0, -1)),
    forgery('truncated to half', token.slice(0, token.length >> 1)),
    forgery('one character flipped', flip(token)),
    forgery('last character flipped', flip(token, token.length - 1)),
    forgery('extra character', `${token}A`),
    forgery('doubled', `${token}${token}`),
    forgery('upper-cased', token.toUpperCase()),
    forgery('huge (8 KB)', `${token}${'A'.repeat(8_000)}`),
    forgery('with padding', `${token}==`),
    forgery('with a space inside', `${token.slice(0, 10)} ${token.slice(10)}`),
    forgery('with a comma (two credentials)', `${token},${token}`),
    forgery('percent-encoded', encodeURIComponent(token).replace(/\./g, '%2E').replace(/_/g, '%5F')),
    forgery('quoted', `"${token}"`),
    forgery('empty-looking', '='),
  ];
}

/** Forgeries of a JWT: header and payload games, and claims signed with the platform's own key. */
async function jwtForgeries(token: string, services: Services): Promise<Forgery[]> {
  const [h, p, s] = token.split('.') as [string, string, string];
  const header = decodeProtectedHeader(token) as Record<string, unknown>;
  const claims = decodeJwt(token) as Record<string, unknown>;
  const { kid, privateKey } = await services.keys.current();
  const publicJwk = (await fetch(`${services.config.publicUrl}/.well-known/jwks.json`).then((r) =>
    r.json(),
  )) as {
    keys: JWK[];
  };
  const ours = publicJwk.keys.find((k) => k.kid === kid) ?? publicJwk.keys[0]!;
  /** Signed by the platform's real key: only the claims are wrong. */
  const signed = (payload: Record<string, unknown>, protectedHeader: Record<string, unknown> = header) =>
    new SignJWT(payload).setProtectedHeader(protectedHeader as { alg: string }).sign(privateKey);
  /** Signed by us without jose's checks of the header (it refuses to write an unknown `crit`). */
  const rawSigned = async (protectedHeader: Record<string, unknown>, payload: Record<string, unknown>) => {
    const input = `${enc(protectedHeader)}.${enc(payload)}`;
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      privateKey as CryptoKey,
      new TextEncoder().encode(input),
    );
    return `${input}.${base64url.encode(new Uint8Array(signature))}`;
  };
  const nowS = Math.floor(services.now() / 1000);
  const hs256 = (key: string | Buffer) => {
    const head = enc({ ...header, alg: 'HS256' });
    const mac = createHmac('sha256', key).update(`${head}.${p}`).digest('base64url');
    return `${head}.${p}.${mac}`;
  };
  const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const attackerJwk = await exportJWK(attacker.publicKey);
  const attackerKey = await importJWK(await exportJWK(attacker.privateKey), 'ES256');
  const selfSigned = (extraHeader: Record<string, unknown>) =>
    new SignJWT({ ...claims, scope: 'read write' })
      .setProtectedHeader({ ...header, alg: 'ES256', ...extraHeader } as { alg: string })
      .sign(attackerKey);
  const payload = { ...claims, scope: 'read write messagebox reporting', le: 'le_someone_else' };

  return [
    forgery('alg none, no signature', `${enc({ ...header, alg: 'none' })}.${p}.`),
    forgery('alg none, original signature', `${enc({ ...header, alg: 'none' })}.${p}.${s}`),
    forgery('alg NONE', `${enc({ ...header, alg: 'NONE' })}.${p}.`),
    forgery('HS256 keyed with the public JWK', hs256(JSON.stringify(ours))),
    forgery('HS256 keyed with the public x coordinate', hs256(Buffer.from(ours.x ?? '', 'base64url'))),
    forgery('kid swapped for an unknown one', `${enc({ ...header, kid: 'attacker-key' })}.${p}.${s}`),
    forgery('kid removed', `${enc({ alg: header.alg, typ: header.typ })}.${p}.${s}`),
    forgery('kid path traversal', `${enc({ ...header, kid: '../../../../dev/null' })}.${p}.${s}`),
    forgery('self-signed, attacker jwk in header', await selfSigned({ jwk: attackerJwk })),
    forgery('self-signed, jku to attacker', await selfSigned({ jku: 'http://127.0.0.1:1/jwks.json' })),
    forgery('self-signed with our kid', await selfSigned({ kid })),
    forgery('tampered payload (wider scope, other legal entity)', `${h}.${enc(payload)}.${s}`),
    forgery(
      'tampered payload (exp far ahead)',
      `${h}.${enc({ ...claims, exp: nowS + 10 * 365 * 86_400 })}.${s}`,
    ),
    forgery('signature of another token', `${h}.${p}.${flip(s, 3)}`),
    forgery('signature re-spelt (non-canonical base64url, same bytes)', `${h}.${p}.${respell(s)}`),
    forgery('signature stripped', `${h}.${p}.`),
    forgery('two segments', `${h}.${p}`),
    forgery('four segments', `${token}.${s}`),
    forgery('JWE-looking five segments', `${h}.${p}.${s}.${s}.${s}`),
    forgery('header not JSON', `${base64url.encode('not json')}.${p}.${s}`),
    forgery('payload not JSON', `${h}.${base64url.encode('[1,2')}.${s}`),
    forgery(
      'crit header (signed by us)',
      await rawSigned({ ...header, crit: ['x-unknown'], 'x-unknown': 1 }, claims),
    ),
    forgery('expired (signed by us)', await signed({ ...claims, iat: nowS - 7200, exp: nowS - 3600 })),
    forgery('nbf in the future (signed by us)', await signed({ ...claims, nbf: nowS + 3600 })),
    forgery('iat far in the future (signed by us)', await signed({ ...claims, iat: nowS + 86_400 * 365 })),
    forgery('wrong iss (signed by us)', await signed({ ...claims, iss: 'https://evil.example' })),
    forgery('wrong aud (signed by us)', await signed({ ...claims, aud: 'https://evil.example' })),
    forgery('aud array without ours (signed by us)', await signed({ ...claims, aud: ['a', 'b'] })),
    forgery('wrong typ (signed by us)', await signed(claims, { ...header, typ: 'JWT' })),
    forgery('typ id_token-like (signed by us)', await signed(claims, { ...header, typ: 'id+jwt' })),
    forgery('kind unknown (signed by us)', await signed({ ...claims, kind: 'admin' })),
    forgery(
      'kind switched (signed by us)',
      await signed({ ...claims, kind: claims.kind === 'backend' ? 'user' : 'backend' }),
    ),
    forgery(
      'exp missing (signed by us)',
      await signed(Object.fromEntries(Object.entries(claims).filter(([k]) => k !== 'exp'))),
    ),
    forgery('exp a string (signed by us)', await signed({ ...claims, exp: String(nowS + 600) })),
    forgery('exp huge (signed by us)', await signed({ ...claims, exp: 1e308 })),
    forgery(
      'legal entity unknown (signed by us)',
      await signed({ ...claims, le: 'le_does_not_exist', sub: 'nobody' }),
    ),
    forgery(
      'client_id of no key or profile (signed by us)',
      await signed({ ...claims, client_id: claims.kind === 'backend' ? 'bp_nobody' : 'pk_nobody', akv: 99 }),
    ),
    ...shapeForgeries(token),
  ];
}

/** Forgeries of an opaque token (`st_…`, `oat_…`). */
function opaqueForgeries(token: string): Forgery[] {
  const [prefix, rest] = [token.slice(0, token.indexOf('_')), token.slice(token.indexOf('_') + 1)];
  const others = ['st', 'oat', 'rt'].filter((x) => x !== prefix);
  return [
    ...others.map((other) => forgery(`prefix swapped to ${other}_`, `${other}_${rest}`)),
    forgery('prefix dropped', rest),
    forgery('prefix upper-cased', `${prefix.toUpperCase()}_${rest}`),
    forgery('shortest valid shape', `${prefix}_${'A'.repeat(32)}`),
    forgery('longest valid shape', `${prefix}_${'A'.repeat(64)}`),
    forgery('one past the longest shape', `${prefix}_${'A'.repeat(65)}`),
    forgery('looks like a JWT', `${prefix}.${rest}.x`),
    ...shapeForgeries(token),
  ];
}

export type GenuineKind = 'legalEntity' | 'user' | 'backend' | 'static' | 'oauth';

/** At least 20 forgeries derived from `token`. */
export const forgeriesOf = (token: string, services: Services): Promise<Forgery[]> =>
  token.split('.').length === 3 ? jwtForgeries(token, services) : Promise.resolve(opaqueForgeries(token));
