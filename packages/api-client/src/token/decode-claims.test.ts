import { describe, expect, it } from 'vitest';
import { fakeClaims, fakeJwt } from '../testing/fake-jwt.ts';
import { decodeClaims } from './decode-claims.ts';

describe('decodeClaims', () => {
  it('decodes the claims of an access token, including non-ASCII text', () => {
    const claims = fakeClaims({ uid: 'zoë', kind: 'user' });
    expect(decodeClaims(fakeJwt(claims))).toEqual(claims);
  });

  it('accepts the RFC 9068 typ and no typ', () => {
    const claims = fakeClaims();
    expect(decodeClaims(fakeJwt(claims, { alg: 'ES256', typ: 'at+jwt' }))).toEqual(claims);
    expect(decodeClaims(fakeJwt(claims, { alg: 'ES256' }))).toEqual(claims);
  });

  it.each([
    ['two segments', 'a.b'],
    ['garbage', 'not.a.jwt'],
    ['a JSON array payload', `${btoa('{}')}.${btoa('[1]')}.sig`],
  ])('refuses %s', (_, token) => {
    expect(decodeClaims(token)).toBeUndefined();
  });

  it.each([
    ['another typ', {}, { alg: 'ES256', typ: 'JWT+id' }],
    ['a missing exp', { exp: undefined }, undefined],
    ['exp before iat', { exp: 1_000, iat: 2_000 }, undefined],
    ['an unknown kind', { kind: 'backend' }, undefined],
    ['origins not an array', { origins: 'https://shop.example' }, undefined],
    ['a numeric uid', { uid: 42 }, undefined],
  ])('refuses %s', (_, overrides, header) => {
    const claims = { ...fakeClaims(), ...overrides } as Record<string, unknown>;
    expect(decodeClaims(fakeJwt(claims, header))).toBeUndefined();
  });
});
