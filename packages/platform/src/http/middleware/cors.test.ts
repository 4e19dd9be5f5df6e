import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cors } from './cors.ts';

const allowed = 'https://planner.example';
function app() {
  const a = new Hono();
  a.use(
    '*',
    cors({
      origin: (o) => (o === allowed ? o : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Authorization'],
      exposeHeaders: ['ETag', 'Retry-After'],
      maxAge: 600,
    }),
  );
  a.get('/ok', (c) => {
    c.header('Vary', 'Authorization');
    return c.json({ ok: true });
  });
  a.get('/raw', () => new Response('raw', { headers: { 'Content-Type': 'text/plain' } }));
  a.get('/fails', () => {
    throw new Error('boom');
  });
  a.onError((_e, c) => c.json({ error: 'server_error' }, 500));
  return a;
}

describe('cors (headers set on the answer after the route)', () => {
  it("answers an allowed origin with Hono's headers, keeping the route's own Vary and body", async () => {
    const res = await app().request('/ok', { headers: { Origin: allowed } });
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag,Retry-After');
    expect(res.headers.get('vary')).toBe('Authorization, Origin');
    expect(await res.json()).toEqual({ ok: true });
  });

  it('sets them on a Response the route made itself, and on an error answer', async () => {
    for (const path of ['/raw', '/fails', '/no-such-route']) {
      const res = await app().request(path, { headers: { Origin: allowed } });
      expect(res.headers.get('access-control-allow-origin'), path).toBe(allowed);
      expect(res.headers.get('vary'), path).toBe('Origin');
    }
  });

  it('gives another origin no Allow-Origin, but still says the answer varies by Origin', async () => {
    const res = await app().request('/ok', { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBe('Authorization, Origin');
  });

  it("answers a preflight as Hono's CORS does", async () => {
    const res = await app().request('/ok', {
      method: 'OPTIONS',
      headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });
});
