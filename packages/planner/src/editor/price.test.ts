import { describe, expect, it } from 'vitest';
import { catalogItem, catalogOf } from '../testing/fixtures.ts';
import { indexCatalog } from './design.ts';
import { formatPrice, formatTotal, priceTotal } from './price.ts';

const catalog = indexCatalog(
  catalogOf(
    [
      catalogItem('sofa', 200, 90, { price_cents: 89900 }),
      catalogItem('chair', 45, 50, { price_cents: 11950 }),
    ],
    [],
  ),
);
const placed = (catalog_id: string, id = catalog_id) => ({ id, catalog_id, x: 0, y: 0, rotation: 0 });

describe('priceTotal', () => {
  it('adds the catalog price of every placed item, duplicates included', () => {
    const total = priceTotal([placed('sofa'), placed('chair', 'c1'), placed('chair', 'c2')], catalog);
    expect(total.byCurrency.get('EUR')).toBe(89900 + 2 * 11950);
    expect(total.unpriced).toBe(0);
  });

  it('counts items missing from the catalog instead of guessing', () => {
    const total = priceTotal([placed('sofa'), placed('gone')], catalog);
    expect(total.byCurrency.get('EUR')).toBe(89900);
    expect(total.unpriced).toBe(1);
  });
});

describe('formatPrice', () => {
  it('formats euro cents with Intl', () => {
    expect(formatPrice(123450, 'EUR', 'en-GB')).toBe('€1,234.50');
    expect(formatPrice(123450, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('shows an empty total as zero euros', () => {
    expect(formatTotal(priceTotal([], catalog), 'en-GB')).toBe('€0.00');
  });
});
