import type { CatalogIndex, PlacedItem } from './design.ts';

export interface PriceTotal {
  /** Cents per ISO 4217 currency code, in the order the currencies first appear. */
  byCurrency: Map<string, number>;
  /** Placed items whose price is unknown (not in the catalog). */
  unpriced: number;
}

export function priceTotal(items: readonly PlacedItem[], catalog: CatalogIndex): PriceTotal {
  const byCurrency = new Map<string, number>();
  let unpriced = 0;
  for (const item of items) {
    const c = catalog.get(item.catalog_id);
    if (!c) {
      unpriced++;
      continue;
    }
    // A variant has its own price; one no longer sold counts at the item's.
    const cents = c.variants?.find((v) => v.sku === item.variant)?.price_cents ?? c.price_cents;
    byCurrency.set(c.currency, (byCurrency.get(c.currency) ?? 0) + cents);
  }
  return { byCurrency, unpriced };
}

const formatters = new Map<string, Intl.NumberFormat>();

/** `89900, 'EUR'` → `€899.00` (in the given locale). */
export function formatPrice(cents: number, currency = 'EUR', locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f.format(cents / 100);
}

/** The total as one string; an empty design costs `€0.00`. */
export function formatTotal(total: PriceTotal, locale?: string): string {
  if (total.byCurrency.size === 0) return formatPrice(0, 'EUR', locale);
  return [...total.byCurrency].map(([currency, cents]) => formatPrice(cents, currency, locale)).join(' + ');
}
