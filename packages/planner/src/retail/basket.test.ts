import { isBasket, message } from '@planner/protocol';
import { describe, expect, it } from 'vitest';
import { type CatalogItem, indexCatalog, type PlacedItem } from '../editor/design.ts';
import { catalogOf } from '../testing/fixtures.ts';
import { shoppingList } from './basket.ts';

const item = (id: string, price_cents: number, currency = 'EUR'): CatalogItem => ({
  id,
  category: 'Seating',
  name: `Name of ${id}`,
  description: '',
  width_cm: 50,
  depth_cm: 50,
  height_cm: 50,
  price_cents,
  currency,
  symbol_url: `/v1/catalog/${id}/symbol.svg`,
  image_url: null,
  variants: [],
  sold: true,
});
const placed = (catalog_id: string, n: number): PlacedItem => ({
  id: `p${n}`,
  catalog_id,
  x: 0,
  y: 0,
  rotation: 0,
});
const catalog = indexCatalog(
  catalogOf([item('chair', 11900), item('sofa', 89900), item('lamp', 4900, 'SEK')]),
);

describe('shoppingList', () => {
  it('makes one line per SKU in the order first placed, with quantities, subtotals and a total', () => {
    const list = shoppingList(
      [placed('chair', 1), placed('sofa', 2), placed('chair', 3), placed('chair', 4)],
      catalog,
    );
    expect(list.basket).toEqual({
      currency: 'EUR',
      lines: [
        { sku: 'chair', name: 'Name of chair', quantity: 3, unit_cents: 11900, subtotal_cents: 35700 },
        { sku: 'sofa', name: 'Name of sofa', quantity: 1, unit_cents: 89900, subtotal_cents: 89900 },
      ],
      total_cents: 125600,
    });
    // What the planner sends passes the protocol's validator, as the host will check it.
    expect(isBasket(message('Basket', list.basket!))).toBe(true);
  });

  it('keeps variants apart and uses the catalog SKU when there is one', () => {
    const withSku = indexCatalog(catalogOf([{ ...item('chair', 100), sku: 'CH-1' } as CatalogItem]));
    const list = shoppingList(
      [
        { ...placed('chair', 1), variant: 'CH-1-OAK' } as PlacedItem,
        { ...placed('chair', 2), variant: 'CH-1-ASH' } as PlacedItem,
        { ...placed('chair', 3), variant: 'CH-1-OAK' } as PlacedItem,
      ],
      withSku,
    );
    expect(list.basket?.lines.map((l) => [l.sku, l.variant, l.quantity])).toEqual([
      ['CH-1', 'CH-1-OAK', 2],
      ['CH-1', 'CH-1-ASH', 1],
    ]);
  });

  it('leaves out pieces that are no longer sold, and counts them', () => {
    const list = shoppingList([placed('gone', 1), placed('sofa', 2)], catalog);
    expect(list.unpriced).toBe(1);
    expect(list.basket?.lines).toHaveLength(1);
  });

  it('has no basket for an empty plan or one in two currencies', () => {
    expect(shoppingList([], catalog).basket).toBeNull();
    const mixed = shoppingList([placed('sofa', 1), placed('lamp', 2)], catalog);
    expect(mixed.basket).toBeNull();
    expect(mixed.currencies).toEqual(['EUR', 'SEK']);
  });
});
