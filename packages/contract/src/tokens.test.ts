import { describe, expect, it } from 'vitest';
import { isAccessTokenClaims, isTokenKind } from './tokens.ts';

const claims = {
  iss: 'https://p',
  aud: 'https://p/v1',
  sub: 's',
  client_id: 'c',
  iat: 100,
  exp: 200,
  jti: 'j',
  scope: 'read',
  kind: 'user',
  le: 'le',
  uid: 'u',
  origins: ['https://shop.example'],
};

describe('isAccessTokenClaims', () => {
  it('accepts the claims the platform issues', () => {
    expect(isAccessTokenClaims(claims)).toBe(true);
  });

  it.each([
    ['a missing string claim', { ...claims, le: undefined }],
    ['a kind that is not a planner token', { ...claims, kind: 'backend' }],
    ['exp not after iat', { ...claims, exp: 100 }],
    ['a non-numeric iat', { ...claims, iat: '100' }],
    ['a non-string uid', { ...claims, uid: 7 }],
    ['origins not strings', { ...claims, origins: [1] }],
    ['an array', [claims]],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(isAccessTokenClaims(value)).toBe(false);
  });
});

it('isTokenKind knows exactly the two planner kinds', () => {
  expect(['legal_entity', 'user', 'backend', 'oauth', 1].map(isTokenKind)).toEqual([
    true,
    true,
    false,
    false,
    false,
  ]);
});
