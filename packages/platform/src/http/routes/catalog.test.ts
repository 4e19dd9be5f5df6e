import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../schemas/catalog.ts';
import {
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let token: string;

beforeAll(async () => {
  tp = await startTestPlatform({ corsOrigins: ['http://127.0.0.1:5174'] });
  const { apiKey } = await onboardHost(tp);
  token = await tokenFor(tp, { id: apiKey.id, secretKey: apiKey.secretKey }, { kind: 'legal_entity' });
});
afterAll(() => tp.close());

describe('catalog', () => {
  it('lists at least 30 items with categories, sizes, prices and symbols', async () => {
    const res = await fetch(`${tp.url}/v1/catalog`, authed(token));
    expect(res.status).toBe(200);
    const catalog = (await res.json()) as Catalog;
    expect(catalog.items.length).toBeGreaterThanOrEqual(30);
    expect(catalog.categories.length).toBeGreaterThanOrEqual(6);
    for (const item of catalog.items) {
      expect(catalog.categories).toContain(item.category);
      expect(item.width_cm).toBeGreaterThan(0);
      expect(item.price_cents).toBeGreaterThanOrEqual(0);
    }
    const first = catalog.items[0]!;
    const svg = await fetch(`${tp.url}${first.symbol_url}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await svg.text()).toContain(`viewBox="0 0 ${first.width_cm} ${first.depth_cm}"`);
    expect((await fetch(`${tp.url}/v1/catalog/nope/symbol.svg`)).status).toBe(404);
  });

  it("lets the planner's origin call from a browser, and no other origin", async () => {
    const preflight = (origin: string) =>
      fetch(`${tp.url}/v1/catalog`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
    const ok = await preflight('http://127.0.0.1:5174');
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5174');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(
      `${tp.url}/v1/catalog`,
      authed(token, { headers: { Origin: 'http://127.0.0.1:5174' } }),
    );
    const exposed = get.headers.get('access-control-expose-headers')?.split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Date', 'Retry-After']));
    // The planner sets its clock by it, so every answer must carry one.
    expect(Date.parse(get.headers.get('date') ?? '')).not.toBeNaN();
  });
});

describe('documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const doc = (await (await fetch(`${tp.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/tokens', '/v1/catalog', '/v1/me', '/v1/projects', '/v1/projects/{id}']),
    );
    expect(doc.paths['/v1/projects/{id}']).toHaveProperty('put');
    expect(doc.components.schemas.ProjectInput?.required).toEqual(
      expect.arrayContaining(['name', 'room', 'items']),
    );
    expect(doc.components.schemas.TokenRequest?.required).toEqual(
      expect.arrayContaining(['kind', 'client_assertion', 'client_assertion_type']),
    );
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${tp.url}/v2/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});
