import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TokenClientError } from './errors.ts';
import { createTokenClient } from './tokenClient.ts';

const KEY_ID = 'key_test_1';
const SECRET = 'sk_test_0123456789abcdef0123456789abcdef';
const ACCESS_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJraW5kIjoidXNlciJ9.c2lnbmF0dXJl';

interface Received {
  url: string | undefined;
  contentType: string | undefined;
  body: Record<string, unknown>;
  claims: Record<string, unknown>;
  header: Record<string, unknown>;
}

// Computed here with node:crypto, independently of the client's Web Crypto code.
const expectedHash = (body: Record<string, unknown>) =>
  createHash('sha256')
    .update(
      [
        body.kind,
        body.user_id ?? '',
        body.scope ?? '',
        body.lifetime === undefined ? '' : String(body.lifetime),
      ].join('\n'),
    )
    .digest('base64url');

/**
 * A stand-in for the platform's token endpoint that checks what the real one checks: a
 * client assertion signed with the secret, for this exact URL, bound to the parameters.
 */
let server: Server;
let baseUrl: string;
let received: Received[] = [];
let answer: ((res: ServerResponse) => void) | undefined;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readJson(req);
    const tokenUrl = `${baseUrl}/v1/tokens`;
    try {
      const { payload, protectedHeader } = await jwtVerify(
        body.client_assertion as string,
        new TextEncoder().encode(SECRET),
        { algorithms: ['HS256'], issuer: KEY_ID, subject: KEY_ID, audience: tokenUrl, maxTokenAge: '60s' },
      );
      received.push({
        url: req.url,
        contentType: req.headers['content-type'],
        body,
        claims: payload as Record<string, unknown>,
        header: protectedHeader as Record<string, unknown>,
      });
      if (payload.params_sha256 !== expectedHash(body)) throw new Error('params_sha256 does not match');
    } catch (error) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_client', error_description: String(error) }));
      return;
    }
    if (answer) return answer(res);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        access_token: ACCESS_TOKEN,
        token_type: 'Bearer',
        expires_in: (body.lifetime as number | undefined) ?? 3600,
        scope: (body.scope as string | undefined) ?? 'read',
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  received = [];
  answer = undefined;
});

const client = (platformUrl = baseUrl) =>
  createTokenClient({ platformUrl, keyId: KEY_ID, secretKey: SECRET });

describe('createTokenClient', () => {
  it('gets a legal-entity token with a client assertion the platform can verify', async () => {
    const token = await client().legalEntityToken();

    expect(token).toEqual({
      access_token: ACCESS_TOKEN,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read',
    });
    const [request] = received;
    expect(request?.url).toBe('/v1/tokens');
    expect(request?.contentType).toBe('application/json');
    expect(request?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    // Absent parameters are not sent (and hash as empty strings, checked by the server).
    expect(Object.keys(request?.body ?? {}).sort()).toEqual([
      'client_assertion',
      'client_assertion_type',
      'kind',
    ]);
    expect(request?.body.kind).toBe('legal_entity');
    expect(request?.body.client_assertion_type).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
  });

  it('binds a user token request to its user, scope and lifetime', async () => {
    const token = await client().userToken('shopper-42', { scope: 'read write', lifetime: 900 });

    expect(token).toMatchObject({ scope: 'read write', expires_in: 900 });
    const [request] = received;
    expect(request?.body).toMatchObject({
      kind: 'user',
      user_id: 'shopper-42',
      scope: 'read write',
      lifetime: 900,
    });
    expect(request?.claims.params_sha256).toBe(
      createHash('sha256').update('user\nshopper-42\nread write\n900').digest('base64url'),
    );
  });

  it('makes a short-lived, unique assertion for each request', async () => {
    const before = Math.floor(Date.now() / 1000);
    await client().userToken('u1');
    await client().userToken('u1');

    const [first, second] = received.map((request) => request.claims);
    expect(first?.exp).toBe((first?.iat as number) + 30);
    expect(first?.iat).toBeGreaterThanOrEqual(before);
    expect(first?.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.jti).not.toBe(second?.jti);
  });

  it('uses the exact token URL as audience, whatever slashes the base URL has', async () => {
    await client(`${baseUrl}/`).legalEntityToken();
    await client(`${baseUrl}//`).legalEntityToken();

    expect(received.map((request) => request.claims.aud)).toEqual([
      `${baseUrl}/v1/tokens`,
      `${baseUrl}/v1/tokens`,
    ]);
  });

  it('never sends the secret key', async () => {
    await client().userToken('shopper-42', { scope: 'read write' });

    expect(JSON.stringify(received)).not.toContain(SECRET);
  });

  it('is refused by a platform that holds another secret', async () => {
    const wrong = createTokenClient({ platformUrl: baseUrl, keyId: KEY_ID, secretKey: 'another-secret' });

    const error = await wrong.legalEntityToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TokenClientError);
    expect(error).toMatchObject({ code: 'PLATFORM_ERROR', status: 401, platformError: 'invalid_client' });
    expect((error as Error).name).toBe('TokenClientError');
  });

  it("maps the platform's error body to a coded error without secrets", async () => {
    answer = (res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: 'insufficient_scope', error_description: 'Write scope is not allowed.' }),
      );
    };

    const error = (await client()
      .userToken('u1', { scope: 'read write' })
      .catch((e: unknown) => e)) as TokenClientError;

    expect(error).toMatchObject({
      code: 'PLATFORM_ERROR',
      status: 403,
      platformError: 'insufficient_scope',
      description: 'Write scope is not allowed.',
    });
    expect(error.message).toContain('403 insufficient_scope');
    expect(error.message).not.toContain(SECRET);
  });

  it('maps an answer that is not JSON to PLATFORM_ERROR with its status', async () => {
    answer = (res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    };

    await expect(client().legalEntityToken()).rejects.toMatchObject({
      code: 'PLATFORM_ERROR',
      status: 502,
      platformError: undefined,
    });
  });

  it('refuses a 2xx answer that is not a token response, without echoing it', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: ACCESS_TOKEN, token_type: 'mac' }));
    };

    const error = (await client()
      .legalEntityToken()
      .catch((e: unknown) => e)) as TokenClientError;

    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).not.toContain(ACCESS_TOKEN);
  });

  it('reports an unreachable platform as NETWORK_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(client(`http://127.0.0.1:${port}`).legalEntityToken()).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    });
  });

  it('gives up on a platform that does not answer in time', async () => {
    answer = () => {}; // never answers
    const slow = createTokenClient({ platformUrl: baseUrl, keyId: KEY_ID, secretKey: SECRET, timeout: 100 });

    await expect(slow.legalEntityToken()).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    await createTokenClient({
      platformUrl: baseUrl,
      keyId: KEY_ID,
      secretKey: SECRET,
      fetch: fetchSpy,
    }).userToken('u1');

    expect(calls).toEqual([`${baseUrl}/v1/tokens`]);
  });

  it.each([
    ['platformUrl', { platformUrl: 'not a url' }],
    ['platformUrl', { platformUrl: 'ftp://platform.example' }],
    ['keyId', { keyId: '' }],
    ['secretKey', { secretKey: '' }],
  ])('refuses a bad %s before any request', (what, override) => {
    expect(() =>
      createTokenClient({ platformUrl: baseUrl, keyId: KEY_ID, secretKey: SECRET, ...override }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', message: `Invalid ${what}.` }));
  });

  it('refuses bad call options before any request', async () => {
    await expect(client().userToken('')).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(client().legalEntityToken({ lifetime: 1.5 })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await expect(client().userToken('u1', { scope: 'admin' as 'read' })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    expect(received).toEqual([]);
  });
});
