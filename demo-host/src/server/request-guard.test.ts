import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SHOP_REQUEST_ERRORS, sameOriginJson } from './request-guard.ts';

const SHOP = 'https://shop.example';

function app() {
  let changed = 0;
  const hono = new Hono();
  hono.use('*', sameOriginJson(SHOP));
  hono.get('/thing', (c) => c.json({ changed }));
  hono.post('/thing', (c) => c.json({ changed: ++changed }));
  hono.delete('/thing', (c) => c.json({ changed: ++changed }));
  return { hono, changed: () => changed };
}

const json = { 'Content-Type': 'application/json' };

describe('state-changing requests', () => {
  it('pass from the shop’s own origin with a JSON body', async () => {
    const { hono, changed } = app();
    const res = await hono.request('/thing', {
      method: 'POST',
      headers: { ...json, Origin: SHOP },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const charset = await hono.request('/thing', {
      method: 'POST',
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8', Origin: SHOP },
      body: '{}',
    });
    expect(charset.status).toBe(200);
    expect(changed()).toBe(2);
  });

  it.each([
    ['another origin', { ...json, Origin: 'https://evil.example' }],
    ['a sibling subdomain', { ...json, Origin: 'https://www.shop.example' }],
    ['the same host over http', { ...json, Origin: 'http://shop.example' }],
    ['an opaque origin', { ...json, Origin: 'null' }],
    ['no Origin at all', json],
  ])('are refused from %s (403) and change nothing', async (_, headers) => {
    const { hono, changed } = app();
    for (const method of ['POST', 'DELETE']) {
      const res = await hono.request('/thing', { method, headers, body: '{}' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: SHOP_REQUEST_ERRORS.origin });
    }
    expect(changed()).toBe(0);
  });

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['application/jsonp'],
    [undefined],
  ])('are refused with a %s body (415) and change nothing', async (type) => {
    const { hono, changed } = app();
    const res = await hono.request('/thing', {
      method: 'POST',
      headers: { Origin: SHOP, ...(type ? { 'Content-Type': type } : {}) },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: SHOP_REQUEST_ERRORS.contentType });
    expect(changed()).toBe(0);
  });

  it('are told 403, not 415, when both are wrong: the origin is checked first', async () => {
    const res = await app().hono.request('/thing', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('do not include reads: GET needs neither', async () => {
    expect((await app().hono.request('/thing')).status).toBe(200);
  });
});
