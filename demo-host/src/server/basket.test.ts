import { describe, expect, it } from 'vitest';
import { addLines, BASKET_LIMITS, parseAddRequest, parseSetRequest, setLine, viewBasket } from './basket.ts';
import type { ShopProduct } from './shop-catalog.ts';

const product = (sku: string, price_cents: number): ShopProduct => ({
  sku,
  name: `The ${sku}`,
  category: 'Seating',
  description: '',
  width_cm: 1,
  depth_cm: 1,
  height_cm: 1,
  price_cents,
  currency: 'EUR',
  variants: [],
});
const products = new Map([
  ['sofa', product('sofa', 89900)],
  [
    'chair',
    {
      ...product('chair', 11900),
      variants: [
        { sku: 'chair-black', kind: 'colour' as const, name: 'Black', price_cents: 12900, colour: '#2f2f2f' },
        {
          sku: 'chair-walnut',
          kind: 'material' as const,
          name: 'Walnut',
          price_cents: 14900,
          colour: '#6b4a2f',
        },
      ],
    },
  ],
]);

describe('the basket', () => {
  it('adds lines, summing quantities, and prices them from the catalog, not the request', () => {
    const once = addLines(new Map(), [{ sku: 'chair', quantity: 4 }], products);
    const twice = addLines(
      once,
      [
        { sku: 'sofa', quantity: 1 },
        { sku: 'chair', quantity: 2 },
      ],
      products,
    );
    expect(viewBasket(twice, products)).toEqual({
      lines: [
        { sku: 'chair', name: 'The chair', quantity: 6, unit_cents: 11900, subtotal_cents: 71400 },
        { sku: 'sofa', name: 'The sofa', quantity: 1, unit_cents: 89900, subtotal_cents: 89900 },
      ],
      count: 7,
      currency: 'EUR',
      total_cents: 161300,
    });
    expect(once.get('chair\n')).toBe(4); // the earlier basket is untouched
  });

  it('is applied whole or not at all: an unknown SKU anywhere changes nothing', () => {
    const basket = addLines(new Map(), [{ sku: 'chair', quantity: 1 }], products);
    expect(() =>
      addLines(
        basket,
        [
          { sku: 'chair', quantity: 1 },
          { sku: 'nope', quantity: 1 },
        ],
        products,
      ),
    ).toThrow(expect.objectContaining({ code: 'unknown_sku', sku: 'nope' }));
    expect(basket.get('chair\n')).toBe(1);
  });

  it('keeps each variant a line of its own, at the variant’s price from the catalog', () => {
    const basket = addLines(
      new Map(),
      [
        { sku: 'chair', variant: 'chair-black', quantity: 2 },
        { sku: 'chair', quantity: 1 },
        { sku: 'chair', variant: 'chair-walnut', quantity: 1 },
        { sku: 'chair', variant: 'chair-black', quantity: 1 },
      ],
      products,
    );
    expect(viewBasket(basket, products)).toEqual({
      lines: [
        {
          sku: 'chair',
          variant: 'chair-black',
          name: 'The chair, Black',
          quantity: 3,
          unit_cents: 12900,
          subtotal_cents: 38700,
        },
        { sku: 'chair', name: 'The chair', quantity: 1, unit_cents: 11900, subtotal_cents: 11900 },
        {
          sku: 'chair',
          variant: 'chair-walnut',
          name: 'The chair, Walnut',
          quantity: 1,
          unit_cents: 14900,
          subtotal_cents: 14900,
        },
      ],
      count: 5,
      currency: 'EUR',
      total_cents: 65500,
    });
    // A variant the catalog drops later is no longer in the basket's view (nor its total).
    const dropped = new Map(products);
    dropped.set('chair', { ...products.get('chair')!, variants: [] });
    expect(viewBasket(basket, dropped).lines.map((l) => l.variant ?? '')).toEqual(['']);
    // Removing a variant line leaves the others.
    const fewer = setLine(basket, { sku: 'chair', variant: 'chair-black', quantity: 0 }, products);
    expect([...fewer.keys()]).toEqual(['chair\n', 'chair\nchair-walnut']);
  });

  it('refuses a variant the product does not have', () => {
    expect(() => addLines(new Map(), [{ sku: 'chair', variant: 'gold', quantity: 1 }], products)).toThrow(
      expect.objectContaining({ code: 'unknown_variant' }),
    );
  });

  it('keeps its limits: quantity per line and number of lines', () => {
    const full = addLines(new Map(), [{ sku: 'chair', quantity: BASKET_LIMITS.maxQuantity }], products);
    expect(() => addLines(full, [{ sku: 'chair', quantity: 1 }], products)).toThrow(
      expect.objectContaining({ code: 'quantity_limit' }),
    );
    const many = new Map(Array.from({ length: BASKET_LIMITS.maxLines }, (_, i) => [`x${i}\n`, 1]));
    expect(() => addLines(many, [{ sku: 'sofa', quantity: 1 }], products)).toThrow(
      expect.objectContaining({ code: 'basket_full' }),
    );
  });

  it('sets a line, and 0 removes it', () => {
    const basket = addLines(new Map(), [{ sku: 'chair', quantity: 2 }], products);
    expect(setLine(basket, { sku: 'chair', quantity: 5 }, products).get('chair\n')).toBe(5);
    expect(setLine(basket, { sku: 'chair', quantity: 0 }, products).size).toBe(0);
  });

  it('leaves out lines the shop no longer sells', () => {
    const basket = addLines(
      new Map(),
      [
        { sku: 'chair', quantity: 2 },
        { sku: 'sofa', quantity: 1 },
      ],
      products,
    );
    const view = viewBasket(basket, new Map([['sofa', product('sofa', 89900)]]));
    expect(view.lines.map((l) => l.sku)).toEqual(['sofa']);
    expect(view.total_cents).toBe(89900);
  });

  it.each([
    [null],
    [{}],
    [{ lines: [] }],
    [{ lines: 'sofa' }],
    [{ lines: [{ sku: 'sofa', quantity: 0 }] }],
    [{ lines: [{ sku: 'sofa', quantity: 1.5 }] }],
    [{ lines: [{ sku: 'sofa', quantity: 100 }] }],
    [{ lines: [{ sku: '', quantity: 1 }] }],
    [{ lines: [{ sku: 'x'.repeat(65), quantity: 1 }] }],
    [{ lines: [{ sku: 'sofa', quantity: 1, unit_cents: 1 }] }],
    [{ lines: Array.from({ length: 101 }, () => ({ sku: 'sofa', quantity: 1 })) }],
  ])('refuses the request %j as invalid_basket_request', (body) => {
    expect(() => parseAddRequest(body)).toThrow(expect.objectContaining({ code: 'invalid_basket_request' }));
  });

  it('takes a set request with quantity 0, and refuses a negative one', () => {
    expect(parseSetRequest({ sku: 'sofa', quantity: 0 })).toEqual({ sku: 'sofa', quantity: 0 });
    expect(() => parseSetRequest({ sku: 'sofa', quantity: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_basket_request' }),
    );
  });
});
