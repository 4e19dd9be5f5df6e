import { describe, expect, it } from 'vitest';
import { bearerError, isInvalidTokenResponse } from './www-authenticate.ts';

describe('bearerError', () => {
  it.each([
    ['Bearer error="invalid_token"', 'invalid_token'],
    [
      'Bearer realm="platform", error="invalid_token", error_description="The access token expired."',
      'invalid_token',
    ],
    ['bearer error=insufficient_scope', 'insufficient_scope'],
    ['Basic realm="x", Bearer error="invalid_token"', 'invalid_token'],
    ['Bearer realm="platform"', undefined],
    ['Bearer error_description="error=invalid_token"', undefined],
    ['DPoP error="invalid_token", Bearer realm="x"', undefined],
  ])('reads %s', (header, expected) => {
    expect(bearerError(header)).toBe(expected);
  });
});

describe('isInvalidTokenResponse', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });

  it('trusts the header when it is readable', async () => {
    expect(
      await isInvalidTokenResponse(json(401, {}, { 'WWW-Authenticate': 'Bearer error="invalid_token"' })),
    ).toBe(true);
    expect(
      await isInvalidTokenResponse(
        json(401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_request"' }),
      ),
    ).toBe(false);
  });

  it('falls back to the error body when CORS hides the header, and leaves the body readable', async () => {
    const response = json(401, { error: 'invalid_token', error_description: 'Expired.' });
    expect(await isInvalidTokenResponse(response)).toBe(true);
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
    expect(await isInvalidTokenResponse(new Response('not json', { status: 401 }))).toBe(false);
  });

  it('ignores other statuses', async () => {
    expect(await isInvalidTokenResponse(json(403, { error: 'invalid_token' }))).toBe(false);
  });
});
