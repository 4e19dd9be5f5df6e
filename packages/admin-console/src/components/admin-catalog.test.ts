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

/** The admin API's catalog routes: a CSV with "bad" in it is refused with two problems. */
function platform() {
  const posted: { type: string | undefined; body: string }[] = [];
  let version = 0;
  const fetch: FetchLike = async (url, init) => {
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
  return { api: new AdminApi('t', { fetch }), posted };
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
});
