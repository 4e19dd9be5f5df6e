import type { BasketLine, BasketMessage } from '@planner/protocol';
import type { CatalogIndex, CatalogItem, PlacedItem } from '../editor/design.ts';

/** A basket's content: the `Basket` message without its envelope. */
export type Basket = Omit<BasketMessage, 'ns' | 'v' | 'type'>;

export interface ShoppingList {
  /** `null` when the plan is empty, or its pieces are priced in more than one currency. */
  basket: Basket | null;
  /** Pieces whose catalog item is gone (no longer sold): listed nowhere, counted here. */
  unpriced: number;
  /** Every currency the priced pieces use, in the order they first appear. */
  currencies: string[];
}

// Catalogs carry SKUs and variants from issue 12 on; until then an item's id is its SKU.
type Sellable = CatalogItem & { sku?: string };
type Placed = PlacedItem & { variant?: string };

/**
 * The plan as a shopping list: one line per SKU and variant, in the order the pieces were
 * first placed, with the catalog's price. Pieces no longer in the catalog are left out and
 * counted: the shop could not sell them.
 */
export function shoppingList(items: readonly PlacedItem[], catalog: CatalogIndex): ShoppingList {
  const lines = new Map<string, BasketLine>();
  const currencies: string[] = [];
  let unpriced = 0;
  for (const item of items as readonly Placed[]) {
    const c = catalog.get(item.catalog_id) as Sellable | undefined;
    if (!c) {
      unpriced++;
      continue;
    }
    if (!currencies.includes(c.currency)) currencies.push(c.currency);
    const sku = c.sku ?? c.id;
    const key = `${sku}\n${item.variant ?? ''}`;
    const line = lines.get(key);
    if (line) {
      line.quantity++;
      line.subtotal_cents += c.price_cents;
    } else {
      lines.set(key, {
        sku,
        ...(item.variant ? { variant: item.variant } : {}),
        name: c.name,
        quantity: 1,
        unit_cents: c.price_cents,
        subtotal_cents: c.price_cents,
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
  return { basket, unpriced, currencies };
}
