import { msg } from '@lit/localize';
import type { BasketLine, BasketMessage } from '@planner/protocol';
import type { CatalogIndex, PlacedItem } from '../editor/design.ts';
import { variantGone, variantOf } from './variants.ts';

/** A basket's content: the `Basket` message without its envelope. */
export type Basket = Omit<BasketMessage, 'ns' | 'v' | 'type'>;

/** Why pieces of the plan cannot go into the basket. */
export type FlagReason = 'unknown' | 'not_sold' | 'variant_gone';

/** Pieces of the plan the shop cannot sell, grouped as lines are, listed but never priced. */
export interface FlaggedLine {
  sku: string;
  variant?: string;
  name: string;
  quantity: number;
  reason: FlagReason;
}

export interface ShoppingList {
  /** `null` when nothing can be sold, or the pieces are priced in more than one currency. */
  basket: Basket | null;
  /**
   * Pieces whose item is not in the catalog, no longer sold, or placed in a variant it no
   * longer has: shown (the plan keeps them, flagged), but not in the basket nor its total.
   */
  flagged: FlaggedLine[];
  /** Every currency the priced pieces use, in the order they first appear. */
  currencies: string[];
}

/**
 * The plan as a shopping list: one line per SKU and variant (the variant's SKU), in the
 * order the pieces were first placed, at the catalog's price — the variant's own when the
 * piece has one.
 */
export function shoppingList(items: readonly PlacedItem[], catalog: CatalogIndex): ShoppingList {
  const lines = new Map<string, BasketLine>();
  const flagged = new Map<string, FlaggedLine>();
  const currencies: string[] = [];
  for (const item of items) {
    const c = catalog.get(item.catalog_id);
    const v = variantOf(item, c);
    const key = `${item.catalog_id}\n${item.variant ?? ''}`;
    const reason: FlagReason | undefined = !c
      ? 'unknown'
      : c.sold === false
        ? 'not_sold'
        : variantGone(item, c)
          ? 'variant_gone'
          : undefined;
    const variant = item.variant ? { variant: item.variant } : {};
    if (!c || reason) {
      const line = flagged.get(key);
      if (line) line.quantity++;
      else
        flagged.set(key, {
          sku: item.catalog_id,
          ...variant,
          name: c?.name ?? msg('Unknown item'),
          quantity: 1,
          reason: reason ?? 'unknown',
        });
      continue;
    }
    if (!currencies.includes(c.currency)) currencies.push(c.currency);
    const unit = v?.price_cents ?? c.price_cents;
    const line = lines.get(key);
    if (line) {
      line.quantity++;
      line.subtotal_cents += unit;
    } else {
      lines.set(key, {
        sku: c.id,
        ...variant,
        name: v ? `${c.name}, ${v.name}` : c.name,
        quantity: 1,
        unit_cents: unit,
        subtotal_cents: unit,
      });
    }
  }
  const all = [...lines.values()];
  const basket =
    all.length > 0 && currencies.length === 1
      ? {
          currency: currencies[0]!,
          lines: all,
          total_cents: all.reduce((sum, l) => sum + l.subtotal_cents, 0),
        }
      : null;
  return { basket, flagged: [...flagged.values()], currencies };
}
