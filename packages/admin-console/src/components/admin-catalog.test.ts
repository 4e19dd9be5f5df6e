import { afterEach, describe, expect, it } from 'vitest';
import { AdminApi, type FetchLike } from '../api.ts';
import './admin-catalog.ts';
import { type AdminCatalogPanel, formatOf } from './admin-catalog.ts';

const entity = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Fixture Shop',
  default_token_lifetime: 900,
  oauth_token_lifetime: 28_800,
  origins: [],
  services: [],
  created_at: '2025-01-01T00:00:00.000Z',
};

const catalog = (version: number) => ({
  legal_entity_id: entity.id,
  version,
  items: version ? 2 : 0,
  currency: version ? 'EUR' : null,
  versions: version
    ? [
        {
          version,
          created_at: '2030-01-01T00:00:00.000Z',
          items: 2,
          added: 2,
          updated: 0,
          retired: 0,
          source: 'import',
        },
      ]
    : [],
});

const sofa = {
  id: 'sofa-3-seat',
  category: 'Seating',
  name: 'Halden 3-Seat Sofa',
  description: '',
  width_cm: 228,
  depth_cm: 95,
  height_cm: 84,
  price_cents: 89_900,
  currency: 'EUR',
  symbol_url: '/v1/catalog/symbols/x',
  image_url: null,
  sold: true,
  variants: [
    {
      sku: 'sofa-3-seat-green',
      kind: 'colour',
      name: 'Forest green',
      price_cents: 92_900,
      colour: '#3f6b4f',
    },
    { sku: 'sofa-3-seat-oak', kind: 'material', name: 'Oak legs', price_cents: 94_900, colour: null },
  ],
};
const chair = { ...sofa, id: 'chair', name: 'Tova Chair', price_cents: 11_900, variants: [] };

/**
 * The admin API's catalog routes: a CSV with "bad" in it is refused with two problems; the
 * items are a sofa with two variants and a chair, one a page when `limit=1`.
 */
function platform() {
  const posted: { type: string | undefined; body: string }[] = [];
  const listed: string[] = [];
  let version = 0;
  const fetch: FetchLike = async (url, init) => {
    if (url.includes('/catalog/items')) {
      listed.push(url.slice(url.indexOf('/catalog/items')));
      const query = new URL(url, 'http://x').searchParams;
      const found = [sofa, chair].filter((i) => !query.get('q') || i.name.includes(query.get('q')!));
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return Response.json({
        version,
        currency: 'EUR',
        categories: ['Seating'],
        items: found.slice(offset, offset + limit),
        total: found.length,
        offset,
        next_offset: offset + limit < found.length ? offset + limit : null,
      });
    }
    if (init?.method === 'POST') {
      const body = String(init.body);
      posted.push({ type: (init.headers as Record<string, string>)['Content-Type'], body });
      if (body.includes('bad')) {
        return Response.json(
          {
            error: 'catalog_invalid',
            error_description: 'The catalog was not imported: 2 problems (nothing was changed).',
            errors: [
              { row: 3, field: 'width_cm', message: 'Too small: expected number to be >0' },
              { row: 4, field: 'sku', message: 'SKU a is already used on row 2' },
            ],
          },
          { status: 422 },
        );
      }
      version += 1;
      return Response.json(
        { legal_entity_id: entity.id, version, items: 2, added: 2, updated: 0, retired: 0 },
        { status: 201 },
      );
    }
    if (url.endsWith('/catalog')) return Response.json(catalog(version));
    return Response.json({ error: 'not_found', error_description: 'No.' }, { status: 404 });
  };
  return { api: new AdminApi('t', { fetch }), posted, listed };
}

async function mount(api: AdminApi): Promise<AdminCatalogPanel> {
  const el = document.createElement('admin-catalog');
  el.api = api;
  el.entity = entity;
  document.body.append(el);
  await settle(el);
  return el;
}

const settle = async (el: AdminCatalogPanel) => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
};

function choose(el: AdminCatalogPanel, file: File) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
}

const submit = async (el: AdminCatalogPanel) => {
  el.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
  await settle(el);
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('admin-catalog', () => {
  it('imports a CSV file as text/csv and shows the new version', async () => {
    const { api, posted } = platform();
    const el = await mount(api);
    expect(el.shadowRoot!.textContent).toContain('No catalog yet');
    choose(el, new File(['sku,name\na,A\n'], 'catalog.csv', { type: 'text/csv' }));
    await submit(el);
    expect(posted).toEqual([{ type: 'text/csv', body: 'sku,name\na,A\n' }]);
    const text = el.shadowRoot!.textContent!;
    expect(text).toContain('Imported version 1: 2 items');
    expect(text).toContain('Version 1: 2 items in EUR');
    expect(el.shadowRoot!.querySelector('.problems')).toBeNull();
  });

  it('lists every problem of a refused file by row and field', async () => {
    const { api } = platform();
    const el = await mount(api);
    choose(el, new File(['bad'], 'catalog.json', { type: '' }));
    await submit(el);
    const rows = [...el.shadowRoot!.querySelectorAll('.problems tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['3', 'width_cm', 'Too small: expected number to be >0'],
      ['4', 'sku', 'SKU a is already used on row 2'],
    ]);
    expect(el.shadowRoot!.querySelector('[role=alert]')?.textContent).toContain('nothing was changed');
  });

  it('refuses files that are neither JSON nor CSV before sending them', async () => {
    const { api, posted } = platform();
    const el = await mount(api);
    choose(el, new File(['x'], 'catalog.xlsx', { type: 'application/vnd.ms-excel' }));
    await submit(el);
    expect(posted).toEqual([]);
    expect(el.shadowRoot!.querySelector('[role=alert]')?.textContent).toContain('.json or .csv');
    expect(formatOf({ name: 'x.CSV', type: '' })).toBe('csv');
    expect(formatOf({ name: 'x', type: 'application/json' })).toBe('json');
  });

  it('lists the items on sale with their variants: colour or material, SKU, price', async () => {
    const { api, listed } = platform();
    const el = await mount(api);
    // No catalog yet, no list.
    expect(el.shadowRoot!.querySelector('admin-catalog-items')).toBeNull();
    choose(el, new File(['sku,name\na,A\n'], 'catalog.csv', { type: 'text/csv' }));
    await submit(el);
    const list = el.shadowRoot!.querySelector('admin-catalog-items')!;
    await settle(list as unknown as AdminCatalogPanel);
    const rows = () =>
      [...list.shadowRoot!.querySelectorAll('tbody > tr')].map((tr) =>
        [...tr.children].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()),
      );
    expect(rows()).toEqual([
      [
        'sofa-3-seat',
        'Halden 3-Seat Sofa',
        'Seating',
        '€899.00',
        'Colour: Forest green sofa-3-seat-green €929.00 Material: Oak legs sofa-3-seat-oak €949.00',
      ],
      ['chair', 'Tova Chair', 'Seating', '€119.00', '—'],
    ]);
    const swatch = list.shadowRoot!.querySelector<HTMLElement>('.variants .swatch')!;
    expect(swatch.style.background).toMatch(/#3f6b4f|rgb\(63, 107, 79\)/);
    expect(list.shadowRoot!.querySelectorAll('.variants .swatch')).toHaveLength(1);
    expect(list.shadowRoot!.querySelector('.hint')!.textContent).toContain('2 items on sale match.');

    // A search asks the platform (it pages and searches, not the console).
    list.shadowRoot!.querySelector<HTMLInputElement>('input[name=q]')!.value = 'Tova';
    list.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(list as unknown as AdminCatalogPanel);
    expect(listed.at(-1)).toBe('/catalog/items?q=Tova&offset=0&limit=50');
    expect(rows().map((r) => r[0])).toEqual(['chair']);
    expect(list.shadowRoot!.querySelector('.hint')!.textContent).toContain('1 item on sale matches.');
  });

  it('pages on with “Show more”', async () => {
    const { api } = platform();
    await api.importCatalog(entity.id, { format: 'csv', text: 'sku\na\n' });
    await import('./admin-catalog-items.ts');
    const list = document.createElement('admin-catalog-items');
    list.api = api;
    list.entity = entity;
    list.version = 1;
    // One item a page here, to see the second page come.
    const original = api.catalogItems.bind(api);
    api.catalogItems = (le, query) => original(le, { ...query, limit: 1 });
    document.body.append(list);
    await settle(list as unknown as AdminCatalogPanel);
    const skus = () =>
      [...list.shadowRoot!.querySelectorAll('tbody > tr')].map((tr) => tr.getAttribute('data-sku'));
    expect(skus()).toEqual(['sofa-3-seat']);
    const more = [...list.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Show more'),
    )!;
    expect(more.textContent!.trim()).toBe('Show more (1 of 2)');
    more.click();
    await settle(list as unknown as AdminCatalogPanel);
    expect(skus()).toEqual(['sofa-3-seat', 'chair']);
    expect(
      [...list.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.includes('Show more')),
    ).toBe(false);
  });
});
