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
const placed = (catalog_id: string, n: number, variant?: string): PlacedItem => ({
  id: `p${n}`,
  catalog_id,
  x: 0,
  y: 0,
  rotation: 0,
  ...(variant ? { variant } : {}),
});
const colour = (sku: string, name: string, price_cents: number) => ({
  sku,
  kind: 'colour' as const,
  name,
  price_cents,
  colour: '#222222',
});
const withVariants = indexCatalog(
  catalogOf([
    {
      ...item('chair', 11900),
      variants: [
        colour('chair-black', 'Black', 12900),
        { ...colour('chair-walnut', 'Walnut', 14900), kind: 'material' },
      ],
    },
    { ...item('sofa', 89900), variants: [colour('sofa-green', 'Green', 92900)] },
    { ...item('retired', 5000), sold: false, variants: [colour('retired-blue', 'Blue', 6000)] },
  ]),
);
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

  it('makes one line per SKU and variant, each at its own price, with subtotals and the total', () => {
    const list = shoppingList(
      [
        placed('chair', 1, 'chair-black'),
        placed('chair', 2),
        placed('chair', 3, 'chair-walnut'),
        placed('chair', 4, 'chair-black'),
        placed('sofa', 5, 'sofa-green'),
      ],
      withVariants,
    );
    expect(list.basket).toEqual({
      currency: 'EUR',
      lines: [
        {
          sku: 'chair',
          variant: 'chair-black',
          name: 'Name of chair, Black',
          quantity: 2,
          unit_cents: 12900,
          subtotal_cents: 25800,
        },
        { sku: 'chair', name: 'Name of chair', quantity: 1, unit_cents: 11900, subtotal_cents: 11900 },
        {
          sku: 'chair',
          variant: 'chair-walnut',
          name: 'Name of chair, Walnut',
          quantity: 1,
          unit_cents: 14900,
          subtotal_cents: 14900,
        },
        {
          sku: 'sofa',
          variant: 'sofa-green',
          name: 'Name of sofa, Green',
          quantity: 1,
          unit_cents: 92900,
          subtotal_cents: 92900,
        },
      ],
      total_cents: 145500,
    });
    expect(list.flagged).toEqual([]);
    expect(isBasket(message('Basket', list.basket!))).toBe(true);
  });

  it('flags, never drops, pieces no longer sold, unknown, or in a variant that disappeared', () => {
    const list = shoppingList(
      [
        placed('gone', 1),
        placed('retired', 2),
        placed('chair', 3, 'chair-red'),
        placed('sofa', 4),
        placed('chair', 5, 'chair-red'),
        placed('retired', 6, 'retired-blue'),
      ],
      withVariants,
    );
    expect(list.basket?.lines.map((l) => l.sku)).toEqual(['sofa']);
    expect(list.basket?.total_cents).toBe(89900);
    expect(list.flagged).toEqual([
      { sku: 'gone', name: 'Unknown item', quantity: 1, reason: 'unknown' },
      { sku: 'retired', name: 'Name of retired', quantity: 1, reason: 'not_sold' },
      { sku: 'chair', variant: 'chair-red', name: 'Name of chair', quantity: 2, reason: 'variant_gone' },
      {
        sku: 'retired',
        variant: 'retired-blue',
        name: 'Name of retired',
        quantity: 1,
        reason: 'not_sold',
      },
    ]);
    // Nothing sellable: no basket, but every piece is still listed.
    const none = shoppingList([placed('gone', 1), placed('chair', 2, 'chair-red')], withVariants);
    expect(none.basket).toBeNull();
    expect(none.flagged.map((f) => f.quantity)).toEqual([1, 1]);
  });

  it('has no basket for an empty plan or one in two currencies', () => {
    expect(shoppingList([], catalog).basket).toBeNull();
    const mixed = shoppingList([placed('sofa', 1), placed('lamp', 2)], catalog);
    expect(mixed.basket).toBeNull();
    expect(mixed.currencies).toEqual(['EUR', 'SEK']);
  });
});
