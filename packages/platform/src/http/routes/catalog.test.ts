import type {
  CatalogImportErrorBody,
  CatalogImportItem,
  CatalogImportResult,
  CatalogLookup,
} from '@planner/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogOperations } from '../../catalog/catalog-operations.ts';
import type { Catalog } from '../../schemas/catalog.ts';
import {
  admin,
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;

/** A legal entity with its planner token. */
async function shop(name: string) {
  const { legalEntity, apiKey } = await onboardHost(tp, { name });
  const token = await tokenFor(tp, { id: apiKey.id, secretKey: apiKey.secretKey }, { kind: 'legal_entity' });
  return { id: legalEntity.id, token };
}

const item = (sku: string, over: Partial<CatalogImportItem> = {}): CatalogImportItem => ({
  sku,
  name: `Item ${sku}`,
  category: 'Seating',
  width_cm: 100,
  depth_cm: 50,
  height_cm: 80,
  price_cents: 10_000,
  currency: 'EUR',
  ...over,
});

const importJson = (le: string, items: unknown[]) =>
  admin(tp, 'POST', `/legal-entities/${le}/catalog/imports`, { items });
const importCsv = (le: string, csv: string) =>
  fetch(`${tp.url}/admin/api/legal-entities/${le}/catalog/imports`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${(tp.options.adminToken as string) ?? ''}`,
      'Content-Type': 'text/csv',
    },
    body: csv,
  });
const get = async <T>(token: string, path: string) => {
  const res = await fetch(`${tp.url}${path}`, authed(token));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

beforeAll(async () => {
  tp = await startTestPlatform({ corsOrigins: ['http://127.0.0.1:5174'] });
});
afterAll(() => tp.close());

describe('the seeded catalog', () => {
  it('is the demo shop’s once adopted: pages of at most 200, its categories, its symbols', async () => {
    const demo = await shop('Demo');
    await new CatalogOperations({ ...tp.platform.services, actor: 'cli' }).adoptSeed(demo.id);
    const first = await get<Catalog>(demo.token, '/v1/catalog');
    expect(first).toMatchObject({ version: 1, currency: 'EUR', total: 56, offset: 0, next_offset: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.categories.length).toBeGreaterThanOrEqual(6);
    const rest = await get<Catalog>(demo.token, '/v1/catalog?offset=50&limit=200');
    expect(rest.items.map((i) => i.id)).toHaveLength(6);
    expect(rest.next_offset).toBeNull();
    for (const i of [...first.items, ...rest.items]) {
      expect(first.categories).toContain(i.category);
      expect(i.sold).toBe(true);
    }
    expect((await fetch(`${tp.url}/v1/catalog?limit=201`, authed(demo.token))).status).toBe(400);

    const sofa = first.items.find((i) => i.id === 'sofa-3-seat')!;
    const svg = await fetch(`${tp.url}${sofa.symbol_url}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(svg.headers.get('cache-control')).toContain('immutable');
    expect(await svg.text()).toContain(`viewBox="0 0 ${sofa.width_cm} ${sofa.depth_cm}"`);
    expect((await fetch(`${tp.url}/v1/catalog/symbols/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${tp.url}/v1/catalog/symbols/nope`)).status).toBe(404);
  });

  it('is not every legal entity’s: a new one starts empty', async () => {
    const fresh = await shop('Fresh');
    expect(await get<Catalog>(fresh.token, '/v1/catalog')).toEqual({
      version: 0,
      currency: null,
      categories: [],
      items: [],
      total: 0,
      offset: 0,
      next_offset: null,
    });
  });
});

describe('importing', () => {
  it('JSON: a new version, variants kept, a symbol drawn or sanitized', async () => {
    const s = await shop('Json');
    const res = await importJson(s.id, [
      item('chair-1', {
        description: 'Oak chair',
        image_url: 'https://cdn.example/chair.jpg',
        variants: [
          { sku: 'chair-1-black', kind: 'colour', name: 'Black', price_cents: 11_000, colour: '#111111' },
          { sku: 'chair-1-oak', kind: 'material', name: 'Oak', price_cents: 12_000 },
        ],
      }),
      item('table-1', {
        category: 'Tables',
        symbol_svg:
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" onload="alert(1)"><script>alert(2)</script><rect width="100" height="50" onclick="x()"/></svg>',
      }),
    ]);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toEqual({
      legal_entity_id: s.id,
      version: 1,
      items: 2,
      added: 2,
      updated: 0,
      retired: 0,
    });
    const catalog = await get<Catalog>(s.token, '/v1/catalog');
    expect(catalog.categories).toEqual(['Seating', 'Tables']);
    const [chair, table] = catalog.items;
    expect(chair).toMatchObject({
      id: 'chair-1',
      image_url: 'https://cdn.example/chair.jpg',
      variants: [
        { sku: 'chair-1-black', kind: 'colour', name: 'Black', price_cents: 11_000, colour: '#111111' },
        { sku: 'chair-1-oak', kind: 'material', name: 'Oak', price_cents: 12_000, colour: null },
      ],
    });
    const drawn = await (await fetch(`${tp.url}${chair!.symbol_url}`)).text();
    expect(drawn).toContain('viewBox="0 0 100 50"');
    const cleaned = await (await fetch(`${tp.url}${table!.symbol_url}`)).text();
    expect(cleaned).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><rect width="100" height="50"></rect></svg>',
    );
  });

  it('refuses the whole file, listing every problem by row and field, and changes nothing', async () => {
    const s = await shop('Bad');
    expect((await importJson(s.id, [item('keep')])).status).toBe(201);
    const res = await importJson(s.id, [
      item('ok'),
      item('bad sku', { width_cm: 0 }),
      item('ok', { currency: 'USD' }),
      item('v', { variants: [{ sku: 'ok', kind: 'colour', name: 'Red', price_cents: 1, colour: 'red' }] }),
      item('svg', { symbol_svg: '<html/>' }),
      { ...item('extra'), surprise: true },
    ]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as CatalogImportErrorBody;
    expect(body.error).toBe('catalog_invalid');
    const where = body.errors.map((e) => `${e.row}:${e.field}`);
    // Schema problems and the checks across the other rows, all at once, in row order.
    expect(where).toEqual([
      '2:sku',
      '2:width_cm',
      '3:sku',
      '3:currency',
      // Its colour is bad, and its SKU repeats row 1's: both are said.
      '4:variants[0].sku',
      '4:variants[0].colour',
      '5:symbol_svg',
      '6:',
    ]);
    const second = await importJson(s.id, [
      item('ok'),
      item('ok', { currency: 'USD' }),
      item('v', { variants: [{ sku: 'ok', kind: 'colour', name: 'Red', price_cents: 1 }] }),
      item('svg', { symbol_svg: '<html/>' }),
    ]);
    expect(second.status).toBe(422);
    const problems = ((await second.json()) as CatalogImportErrorBody).errors;
    expect(problems.map((e) => `${e.row}:${e.field}`)).toEqual([
      '2:sku',
      '2:currency',
      '3:variants[0].sku',
      '4:symbol_svg',
    ]);
    expect(problems[0]!.message).toContain('row 1');
    const after = await get<Catalog>(s.token, '/v1/catalog');
    expect(after.version).toBe(1);
    expect(after.items.map((i) => i.id)).toEqual(['keep']);
  });

  it('CSV: columns by header, variants by variant_of, problems by line', async () => {
    const s = await shop('Csv');
    const csv = [
      'sku,name,category,width_cm,depth_cm,height_cm,price_cents,currency,variant_of,variant_kind,variant_name,colour',
      'sofa-a,"Sofa, three seats",Seating,220,95,80,89900,EUR,,,,',
      'sofa-a-grey,,,,,,91900,,sofa-a,colour,Grey,#808080',
      'bed-a,Bed,Beds,160,200,100,59900,EUR,,,,',
    ].join('\n');
    const res = await importCsv(s.id, csv);
    expect(res.status, await res.clone().text()).toBe(201);
    const [sofa, bed] = (await get<Catalog>(s.token, '/v1/catalog')).items;
    expect(sofa).toMatchObject({ id: 'sofa-a', name: 'Sofa, three seats', price_cents: 89900 });
    expect(sofa!.variants).toEqual([
      { sku: 'sofa-a-grey', kind: 'colour', name: 'Grey', price_cents: 91900, colour: '#808080' },
    ]);
    expect(bed).toMatchObject({ id: 'bed-a', category: 'Beds' });

    const bad = await importCsv(
      s.id,
      [
        'sku,name,category,width_cm,depth_cm,height_cm,price_cents,currency,variant_of,variant_kind,variant_name',
        'ok,Ok,Seating,10,10,10,100,EUR,,,',
        'wide,Wide,Seating,ten,10,10,100,EUR,,,',
        'var,,,,,,100,,ok,paint,Red',
      ].join('\n'),
    );
    expect(bad.status).toBe(422);
    const problems = ((await bad.json()) as CatalogImportErrorBody).errors;
    expect(problems.map((e) => `${e.row}:${e.field}`)).toEqual(['3:width_cm', '4:variant_kind']);
    const unknown = await importCsv(s.id, 'sku,name,colour_of_money\nx,y,z\n');
    expect(((await unknown.json()) as CatalogImportErrorBody).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['colour_of_money', 'category', 'width_cm']),
    );
    expect((await get<Catalog>(s.token, '/v1/catalog')).version).toBe(1);
  });

  it('refuses other media types (415), too large bodies (413) and unknown legal entities (404)', async () => {
    const s = await shop('Media');
    const xml = await fetch(`${tp.url}/admin/api/legal-entities/${s.id}/catalog/imports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tp.options.adminToken}`, 'Content-Type': 'application/xml' },
      body: '<items/>',
    });
    expect(xml.status).toBe(415);
    const big = await importCsv(s.id, `sku,name\n${'x'.repeat(8 * 1024 * 1024 + 1)}`);
    expect(big.status).toBe(413);
    expect((await importJson('00000000-0000-4000-8000-000000000000', [item('a')])).status).toBe(404);
    expect((await importJson('not-a-uuid', [item('a')])).status).toBe(404);
    expect(
      (await fetch(`${tp.url}/admin/api/legal-entities/${s.id}/catalog/imports`, { method: 'POST' })).status,
    ).toBe(401);
  });

  it('keeps items an import leaves out for saved projects: "no longer sold"', async () => {
    const s = await shop('Retire');
    await importJson(s.id, [item('a'), item('b'), item('c')]);
    const res = await importJson(s.id, [item('a', { price_cents: 5 }), item('d')]);
    expect((await res.json()) as CatalogImportResult).toMatchObject({
      version: 2,
      added: 1,
      updated: 1,
      retired: 2,
    });
    const catalog = await get<Catalog>(s.token, '/v1/catalog');
    expect(catalog.items.map((i) => i.id)).toEqual(['a', 'd']);
    const lookup = await get<CatalogLookup>(s.token, '/v1/catalog/items?ids=b,a,zzz');
    expect(lookup.version).toBe(2);
    expect(lookup.items.map((i) => [i.id, i.sold])).toEqual([
      ['b', false],
      ['a', true],
    ]);
    expect(lookup.missing).toEqual(['zzz']);
    // Sold again once an import names it again.
    await importJson(s.id, [item('b')]);
    expect((await get<CatalogLookup>(s.token, '/v1/catalog/items?ids=b')).items[0]!.sold).toBe(true);
    const versions = await (await admin(tp, 'GET', `/legal-entities/${s.id}/catalog`)).json();
    expect(versions).toMatchObject({ version: 3, items: 1, currency: 'EUR' });
    expect((versions as { versions: { version: number }[] }).versions.map((v) => v.version)).toEqual([
      3, 2, 1,
    ]);
    const tooMany = Array.from({ length: 201 }, (_, i) => `s${i}`).join(',');
    expect((await fetch(`${tp.url}/v1/catalog/items?ids=${tooMany}`, authed(s.token))).status).toBe(400);
    expect((await fetch(`${tp.url}/v1/catalog/items?ids=a%20b`, authed(s.token))).status).toBe(400);
  });
});

describe('the operator console’s list', () => {
  it('pages and searches a legal entity’s items on sale with their variants, for the admin token only', async () => {
    const s = await shop('Console list');
    const sofa = item('sofa', {
      name: 'Halden Sofa',
      variants: [
        { sku: 'sofa-green', kind: 'colour', name: 'Forest green', price_cents: 12_000, colour: '#3f6b4f' },
        { sku: 'sofa-oak', kind: 'material', name: 'Oak', price_cents: 13_000 },
      ],
    });
    await importJson(s.id, [sofa, item('table', { category: 'Tables' }), item('lamp')]);
    await importJson(s.id, [sofa, item('table', { category: 'Tables' })]);
    const page = async (query: string) => {
      const res = await admin(tp, 'GET', `/legal-entities/${s.id}/catalog/items${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as Catalog;
    };
    const all = await page('');
    // What its planner gets: the item no longer sold is not listed.
    expect(all).toMatchObject({ version: 2, currency: 'EUR', total: 2, next_offset: null });
    expect(all.items.map((i) => i.id)).toEqual(['sofa', 'table']);
    expect(all.items[0]!.variants).toEqual([
      { sku: 'sofa-green', kind: 'colour', name: 'Forest green', price_cents: 12_000, colour: '#3f6b4f' },
      { sku: 'sofa-oak', kind: 'material', name: 'Oak', price_cents: 13_000, colour: null },
    ]);
    expect(all).toEqual(await get<Catalog>(s.token, '/v1/catalog'));
    // Search finds a variant's name; paging as /v1/catalog.
    expect((await page('?q=oak')).items.map((i) => i.id)).toEqual(['sofa']);
    expect(await page('?limit=1')).toMatchObject({ total: 2, next_offset: 1 });
    expect((await page('?offset=1')).items.map((i) => i.id)).toEqual(['table']);

    expect((await admin(tp, 'GET', `/legal-entities/${s.id}/catalog/items?limit=201`)).status).toBe(400);
    expect((await admin(tp, 'GET', '/legal-entities/le_nobody/catalog/items')).status).toBe(404);
    const planner = await fetch(`${tp.url}/admin/api/legal-entities/${s.id}/catalog/items`, authed(s.token));
    expect(planner.status).toBe(401);
  });
});

describe('caching', () => {
  it('answers with an ETag and Cache-Control, 304 while unchanged, 200 after an import', async () => {
    const s = await shop('Etag');
    await importJson(s.id, [item('a')]);
    const first = await fetch(`${tp.url}/v1/catalog?q=item`, authed(s.token));
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"c1-/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toContain('Authorization');
    const again = await fetch(
      `${tp.url}/v1/catalog?q=item`,
      authed(s.token, { headers: { 'If-None-Match': `W/${tag}` } }),
    );
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(tag);
    // Another query is another representation.
    const other = await fetch(
      `${tp.url}/v1/catalog?q=items`,
      authed(s.token, { headers: { 'If-None-Match': tag } }),
    );
    expect(other.status).toBe(200);
    await importJson(s.id, [item('a'), item('b')]);
    const changed = await fetch(
      `${tp.url}/v1/catalog?q=item`,
      authed(s.token, { headers: { 'If-None-Match': tag } }),
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    const lookup = await fetch(`${tp.url}/v1/catalog/items?ids=a`, authed(s.token));
    const lookupTag = lookup.headers.get('etag')!;
    expect(
      (
        await fetch(
          `${tp.url}/v1/catalog/items?ids=a`,
          authed(s.token, { headers: { 'If-None-Match': lookupTag } }),
        )
      ).status,
    ).toBe(304);
  });
});

describe('one legal entity’s catalog', () => {
  it('is not another’s: a token of A reads none of B’s items, and their ETags differ', async () => {
    const a = await shop('A');
    const b = await shop('B');
    await importJson(a.id, [item('shared'), item('only-a')]);
    await importJson(b.id, [item('shared', { name: 'B sofa' }), item('only-b')]);
    expect((await get<Catalog>(a.token, '/v1/catalog')).items.map((i) => i.id)).toEqual(['shared', 'only-a']);
    expect((await get<Catalog>(a.token, '/v1/catalog?q=only')).items.map((i) => i.id)).toEqual(['only-a']);
    const lookup = await get<CatalogLookup>(a.token, '/v1/catalog/items?ids=only-b,shared');
    expect(lookup.missing).toEqual(['only-b']);
    expect(lookup.items.map((i) => i.name)).toEqual(['Item shared']);
    const tagA = (await fetch(`${tp.url}/v1/catalog`, authed(a.token))).headers.get('etag');
    const tagB = (await fetch(`${tp.url}/v1/catalog`, authed(b.token))).headers.get('etag');
    expect(tagA).not.toBe(tagB);
    // B's tag does not get A a 304 for A's (same version) page.
    expect(
      (await fetch(`${tp.url}/v1/catalog`, authed(a.token, { headers: { 'If-None-Match': tagB! } }))).status,
    ).toBe(200);
  });
});

describe('10 000 items', () => {
  it('import in one go, and a search or a page stays quick', async () => {
    const s = await shop('Big');
    const words = ['oak', 'walnut', 'linen', 'velvet', 'steel'];
    const items = Array.from({ length: 10_000 }, (_, i) =>
      item(`sku-${i}`, {
        name: `${words[i % 5]} piece ${i}`,
        category: `Cat ${i % 20}`,
        description: i === 7777 ? 'the rare zebrawood one' : 'a piece',
      }),
    );
    const res = await importJson(s.id, items);
    expect(res.status, await res.clone().text()).toBe(201);
    const time = async (path: string) => {
      const started = performance.now();
      const page = await get<Catalog>(s.token, path);
      return { page, ms: performance.now() - started };
    };
    const rare = await time('/v1/catalog?q=zebra');
    expect(rare.page.items.map((i) => i.id)).toEqual(['sku-7777']);
    const oak = await time('/v1/catalog?q=Oak%20piece&limit=10&offset=100');
    expect(oak.page.total).toBe(2000);
    expect(oak.page.items.every((i) => i.name.startsWith('oak'))).toBe(true);
    expect(oak.page.categories).toHaveLength(20);
    const deep = await time('/v1/catalog?offset=9990&limit=200');
    expect(deep.page.items.map((i) => i.id)[0]).toBe('sku-9990');
    const byCategory = await time('/v1/catalog?category=Cat%203&q=walnut');
    expect(byCategory.page.total).toBe(0);
    // Generous bounds for a loaded 2-core machine; a full scan of JSON per request would not fit.
    for (const t of [rare, oak, deep, byCategory]) expect(t.ms).toBeLessThan(3000);
    const tooMany = await importJson(s.id, [...items, item('one-more')]);
    expect(tooMany.status).toBe(422);
  }, 120_000);
});

describe('documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const doc = (await (await fetch(`${tp.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/tokens',
        '/v1/catalog',
        '/v1/catalog/items',
        '/v1/catalog/symbols/{hash}',
        '/admin/api/legal-entities/{id}/catalog/imports',
        '/admin/api/legal-entities/{id}/catalog/items',
        '/v1/me',
        '/v1/projects',
        '/v1/projects/{id}',
      ]),
    );
    const imports = doc.paths['/admin/api/legal-entities/{id}/catalog/imports']!.post!;
    expect(Object.keys(imports.requestBody!.content)).toEqual(['application/json', 'text/csv']);
    expect(doc.components.schemas.CatalogImportItem?.required).toEqual(
      expect.arrayContaining([
        'sku',
        'name',
        'category',
        'width_cm',
        'depth_cm',
        'height_cm',
        'price_cents',
        'currency',
      ]),
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

  it("lets the planner's origin call from a browser, and no other origin", async () => {
    const s = await shop('Cors');
    const preflight = (origin: string) =>
      fetch(`${tp.url}/v1/catalog`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization,if-none-match',
        },
      });
    const ok = await preflight('http://127.0.0.1:5174');
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5174');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(
      `${tp.url}/v1/catalog`,
      authed(s.token, { headers: { Origin: 'http://127.0.0.1:5174' } }),
    );
    const exposed = res.headers.get('access-control-expose-headers')?.split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Date', 'Retry-After']));
    // The planner sets its clock by it, so every answer must carry one.
    expect(Date.parse(res.headers.get('date') ?? '')).not.toBeNaN();
  });
});
