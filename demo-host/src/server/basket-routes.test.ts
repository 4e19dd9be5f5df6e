import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createShopApp } from './app.ts';
import { DEMO_PASSWORD, demoShoppers } from './shoppers.ts';

const SHOP = 'http://127.0.0.1:5173';
vi.setConfig({ testTimeout: 30_000 });

// A stand-in for the platform's catalog route, over real HTTP on 127.0.0.1: the shop reads its
// catalog from the issuer of its legal-entity token, with that token.
const CATALOG = [
  {
    id: 'sofa-3-seat',
    category: 'Seating',
    name: 'Halden 3-Seat Sofa',
    description: 'Deep.',
    width_cm: 228,
    depth_cm: 95,
    height_cm: 83,
    price_cents: 89900,
    currency: 'EUR',
    symbol_url: '/x',
  },
  {
    id: 'dining-chair',
    category: 'Seating',
    name: 'Tova Dining Chair',
    description: 'Oak.',
    variants: [
      { sku: 'dining-chair-black', kind: 'colour', name: 'Black', price_cents: 12900, colour: '#2f2f2f' },
    ],
    width_cm: 45,
    depth_cm: 53,
    height_cm: 82,
    price_cents: 11900,
    currency: 'EUR',
    symbol_url: '/x',
  },
  {
    id: 'coffee-table',
    category: 'Tables',
    name: 'Sund Coffee Table',
    description: 'Low.',
    width_cm: 120,
    depth_cm: 60,
    height_cm: 42,
    price_cents: 22900,
    currency: 'EUR',
    symbol_url: '/x',
  },
];
let platform: ReturnType<typeof serve>;
let platformUrl = '';
let catalogUp = true;
const seen: (string | undefined)[] = [];
beforeAll(async () => {
  const api = new Hono();
  api.get('/v1/catalog', (c) => {
    seen.push(c.req.header('Authorization'));
    if (!catalogUp) return c.json({ error: 'unavailable' }, 503);
    // Pages of two, as the platform pages a larger catalog: the shop must read them all.
    const offset = Number(c.req.query('offset') ?? 0);
    return c.json({
      categories: ['Seating', 'Tables'],
      next_offset: offset + 2 < CATALOG.length ? offset + 2 : null,
      items: CATALOG.slice(offset, offset + 2),
    });
  });
  await new Promise<void>((resolve) => {
    platform = serve({ fetch: api.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      platformUrl = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});
afterAll(() => new Promise<void>((resolve) => platform.close(() => resolve())));

const jwt = (claims: Record<string, unknown>) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'c2ln'].join('.');

async function shop() {
  const tokens = {
    legalEntityToken: async () => ({
      access_token: jwt({ iss: platformUrl, kind: 'legal_entity' }),
      expires_in: 300,
      scope: 'read',
    }),
    userToken: async () => ({
      access_token: jwt({ iss: platformUrl, kind: 'user' }),
      expires_in: 300,
      scope: 'read write',
    }),
  };
  const app = createShopApp({
    shoppers: await demoShoppers(),
    tokens,
    plannerUrl: 'http://127.0.0.1:5174/',
    staticFiles: async (path) => (path === '/category.html' ? new Response('<h1>category</h1>') : undefined),
    origin: SHOP,
  });
  let cookie = '';
  const call = async (path: string, body?: unknown, headers: Record<string, string | undefined> = {}) => {
    const all: Record<string, string | undefined> = {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', Origin: SHOP }),
      ...headers,
    };
    const res = await app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [[k, v] as [string, string]])),
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(';')[0]!;
      cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  };
  return { call, cookie: () => cookie, setCookie: (c: string) => (cookie = c) };
}

const plan = {
  lines: [
    { sku: 'sofa-3-seat', quantity: 1 },
    { sku: 'dining-chair', quantity: 4 },
  ],
};

describe('the shop basket', () => {
  it('starts empty, without a session, and holds what the planner sent, priced by the shop', async () => {
    const s = await shop();
    const empty = await s.call('/api/basket');
    expect(await empty.json()).toEqual({ lines: [], count: 0, currency: null, total_cents: 0 });
    expect(empty.headers.getSetCookie()).toEqual([]);

    const added = await s.call('/api/basket/lines', plan);
    expect(added.status).toBe(200);
    expect(s.cookie()).toMatch(/^shop_session=/);
    expect(await added.json()).toEqual({
      lines: [
        {
          sku: 'sofa-3-seat',
          name: 'Halden 3-Seat Sofa',
          quantity: 1,
          unit_cents: 89900,
          subtotal_cents: 89900,
        },
        {
          sku: 'dining-chair',
          name: 'Tova Dining Chair',
          quantity: 4,
          unit_cents: 11900,
          subtotal_cents: 47600,
        },
      ],
      count: 5,
      currency: 'EUR',
      total_cents: 137500,
    });
    expect(seen.at(-1)).toMatch(/^Bearer /);
    expect((await (await s.call('/api/basket')).json()).count).toBe(5);
  });

  it('is bound to the session: another browser sees its own, logging in keeps it, logging out ends it', async () => {
    const a = await shop();
    const b = await shop();
    await a.call('/api/basket/lines', plan);
    expect((await (await b.call('/api/basket')).json()).count).toBe(0);

    const before = a.cookie();
    expect((await a.call('/api/login', { email: 'ada@example.com', password: DEMO_PASSWORD })).status).toBe(
      200,
    );
    expect(a.cookie()).not.toBe(before); // a new session id…
    expect((await (await a.call('/api/basket')).json()).count).toBe(5); // …with the basket in it

    await a.call('/api/logout', {});
    expect((await (await a.call('/api/basket')).json()).count).toBe(0);
  });

  it('sets and clears lines', async () => {
    const s = await shop();
    await s.call('/api/basket/lines', plan);
    const set = await s.call('/api/basket/quantity', { sku: 'dining-chair', quantity: 2 });
    expect((await set.json()).count).toBe(3);
    const removed = await s.call('/api/basket/quantity', { sku: 'sofa-3-seat', quantity: 0 });
    expect((await removed.json()).lines.map((l: { sku: string }) => l.sku)).toEqual(['dining-chair']);
    expect((await (await s.call('/api/basket/clear', {})).json()).count).toBe(0);
  });

  it('holds a variant as a line of its own at the variant’s price, and a piece from a later catalog page', async () => {
    const s = await shop();
    const res = await s.call('/api/basket/lines', {
      lines: [
        { sku: 'dining-chair', variant: 'dining-chair-black', quantity: 2 },
        { sku: 'dining-chair', quantity: 1 },
        { sku: 'coffee-table', quantity: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      lines: [
        {
          sku: 'dining-chair',
          variant: 'dining-chair-black',
          name: 'Tova Dining Chair, Black',
          quantity: 2,
          unit_cents: 12900,
          subtotal_cents: 25800,
        },
        {
          sku: 'dining-chair',
          name: 'Tova Dining Chair',
          quantity: 1,
          unit_cents: 11900,
          subtotal_cents: 11900,
        },
        {
          sku: 'coffee-table',
          name: 'Sund Coffee Table',
          quantity: 1,
          unit_cents: 22900,
          subtotal_cents: 22900,
        },
      ],
      count: 4,
      currency: 'EUR',
      total_cents: 60600,
    });
    const removed = await s.call('/api/basket/quantity', {
      sku: 'dining-chair',
      variant: 'dining-chair-black',
      quantity: 0,
    });
    expect((await removed.json()).count).toBe(2);
  });

  it.each([
    ['an unknown SKU', { lines: [{ sku: 'unicorn', quantity: 1 }] }, 422, 'unknown_sku'],
    [
      'a variant the item does not have',
      { lines: [{ sku: 'dining-chair', variant: 'dining-chair-gold', quantity: 1 }] },
      422,
      'unknown_variant',
    ],
    ['a quantity of 0', { lines: [{ sku: 'sofa-3-seat', quantity: 0 }] }, 422, 'invalid_basket_request'],
    [
      'a price in the request',
      { lines: [{ sku: 'sofa-3-seat', quantity: 1, unit_cents: 1 }] },
      422,
      'invalid_basket_request',
    ],
    ['not JSON', '{"lines": [', 400, 'invalid_json'],
  ])(
    'refuses %s with a 4xx and a stable code, and keeps the basket as it was',
    async (_, body, status, error) => {
      const s = await shop();
      await s.call('/api/basket/lines', { lines: [{ sku: 'sofa-3-seat', quantity: 1 }] });
      const res = await s.call('/api/basket/lines', body);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error });
      expect((await (await s.call('/api/basket')).json()).count).toBe(1);
    },
  );

  it.each([
    ['another origin', { Origin: 'http://evil.example' }, 403, 'origin_not_allowed'],
    ['no Origin', { Origin: undefined }, 403, 'origin_not_allowed'],
    ['a form body', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
  ])('refuses a basket change with %s (CSRF)', async (_, headers, status, error) => {
    const s = await shop();
    const res = await s.call('/api/basket/lines', plan, headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
    expect((await (await s.call('/api/basket')).json()).count).toBe(0);
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const s = await shop();
    const lines = Array.from({ length: 400 }, () => ({ sku: 'sofa-3-seat'.padEnd(60, 'x'), quantity: 1 }));
    const res = await s.call('/api/basket/lines', { lines });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'request_too_large' });
  });

  it('says catalog_unavailable (503) when the platform cannot give the catalog', async () => {
    const s = await shop();
    catalogUp = false;
    try {
      const res = await s.call('/api/basket/lines', plan);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: 'catalog_unavailable' });
    } finally {
      catalogUp = true;
    }
  });
});

describe('the category pages', () => {
  it('list the products of a shop category, and serve the page for its path', async () => {
    const s = await shop();
    const res = await s.call('/api/catalog/sofas');
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.title).toBe('Sofas & armchairs');
    expect(page.products.map((p: { sku: string }) => p.sku)).toEqual(['sofa-3-seat', 'dining-chair']);
    // Each with its variants, which the page shows: colour or material, SKU, price, colour.
    expect(page.products.map((p: { variants: unknown[] }) => p.variants)).toEqual([
      [],
      [{ sku: 'dining-chair-black', kind: 'colour', name: 'Black', price_cents: 12900, colour: '#2f2f2f' }],
    ]);
    expect(await (await s.call('/sofas')).text()).toContain('category');
    expect((await s.call('/api/catalog/attic')).status).toBe(404);
    expect((await s.call('/api/catalog/toString')).status).toBe(404);
  });
});
