// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { indexCatalog, type PlacedItem } from '../editor/design.ts';
import { FakeServices } from '../testing/fake-services.ts';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import './planner-shopping-list.ts';

const placed = (catalog_id: string, n: number): PlacedItem => ({
  id: `p${n}`,
  catalog_id,
  x: 0,
  y: 0,
  rotation: 0,
});

async function setup(items: PlacedItem[], locale = 'en-GB') {
  const services = new FakeServices();
  const el = document.createElement('planner-shopping-list');
  el.items = items;
  el.catalog = indexCatalog(TEST_CATALOG);
  el.services = services;
  el.locale = locale;
  document.body.append(el);
  await el.updateComplete;
  const root = el.shadowRoot!;
  const add = root.querySelector<HTMLButtonElement>('button.add')!;
  const rows = () =>
    [...root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    );
  return { el, root, add, rows, services };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-shopping-list', () => {
  it('lists lines by SKU with quantity, price and subtotal, and the total, through Intl', async () => {
    const { root, rows } = await setup([placed('chair', 1), placed('sofa', 2), placed('chair', 3)]);
    expect(rows()).toEqual([
      ['Tova Dining Chairchair', '2', '€119.00', '€238.00'],
      ['Halden 3-Seat Sofasofa', '1', '€899.00', '€899.00'],
    ]);
    expect(root.querySelector('.total')?.textContent).toBe('€1,137.00');
  });

  it('lists a variant as its own line at its price, and pieces it cannot sell apart, flagged', async () => {
    const { el, root, rows } = await setup([placed('chair', 1), placed('chair', 2), placed('gone', 3)]);
    const chair = el.catalog.get('chair')!;
    el.catalog = new Map(el.catalog).set('chair', {
      ...chair,
      variants: [
        { sku: 'chair-black', kind: 'colour', name: 'Black', price_cents: 12900, colour: '#2f2f2f' },
      ],
    });
    el.items = [
      { ...placed('chair', 1), variant: 'chair-black' },
      placed('chair', 2),
      { ...placed('chair', 3), variant: 'chair-red' },
      placed('gone', 4),
    ];
    await el.updateComplete;
    expect(rows()).toEqual([
      ['Tova Dining Chair, Blackchair · chair-black', '1', '€129.00', '€129.00'],
      ['Tova Dining Chairchair', '1', '€119.00', '€119.00'],
    ]);
    expect(root.querySelector('.total')?.textContent).toBe('€248.00');
    expect(
      [...root.querySelectorAll('.flagged li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual([
      '1 × Tova Dining Chair chair · chair-red · this variant is no longer sold',
      '1 × Unknown item gone · not in the catalog',
    ]);
  });

  it('formats prices in the locale it is given', async () => {
    const { root } = await setup([placed('sofa', 1), placed('sofa', 2)], 'de-DE');
    expect(root.querySelector('.total')?.textContent?.replace(/\s/g, ' ')).toBe('1.798,00 €');
  });

  it('opens and closes the list', async () => {
    const { el, root } = await setup([placed('sofa', 1)]);
    const toggle = root.querySelector<HTMLButtonElement>('button.toggle')!;
    expect(root.querySelector('#list')?.hasAttribute('hidden')).toBe(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('#list')?.hasAttribute('hidden')).toBe(false);
  });

  it('Add to basket hands the lines to the host after a basket_requested event', async () => {
    const { el, root, add, services } = await setup([placed('chair', 1), placed('chair', 2)]);
    add.click();
    await el.updateComplete;
    await Promise.resolve();
    await el.updateComplete;
    expect(services.analytics).toEqual([
      { event: 'basket_requested', lines: 1, quantity: 2, total_cents: 23800, currency: 'EUR' },
    ]);
    expect(services.baskets).toEqual([
      {
        currency: 'EUR',
        lines: [
          { sku: 'chair', name: 'Tova Dining Chair', quantity: 2, unit_cents: 11900, subtotal_cents: 23800 },
        ],
        total_cents: 23800,
      },
    ]);
    expect(root.querySelector('[role=status]')?.textContent).toContain('Sent 2 pieces');
  });

  it('cannot add an empty plan to the basket', async () => {
    const { add, services } = await setup([]);
    expect(add.disabled).toBe(true);
    add.click();
    expect(services.baskets).toEqual([]);
  });
});
