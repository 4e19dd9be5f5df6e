import type { Catalog, CatalogItem, Room } from '../editor/design.ts';
import { rectangleCorners, roomOf } from '../room/format.ts';

/** A rectangular room `width × depth` (four walls, no openings). */
export const rectRoom = (width: number, depth: number, unit: Room['unit'] = 'm'): Room =>
  roomOf(rectangleCorners(width, depth), unit);

/** A catalog item for tests: 80 cm high (solid), €10, EUR. */
export function catalogItem(
  id: string,
  width: number,
  depth: number,
  extra: Partial<CatalogItem> = {},
): CatalogItem {
  return {
    id,
    category: 'Test',
    name: id,
    description: '',
    width_cm: width,
    depth_cm: depth,
    height_cm: 80,
    price_cents: 1000,
    currency: 'EUR',
    symbol_url: `/v1/catalog/${id}/symbol.svg`,
    image_url: null,
    variants: [],
    sold: true,
    ...extra,
  };
}

/** A whole catalog of these items, as one page (what the api-client's `getCatalog` gives). */
export const catalogOf = (items: CatalogItem[], categories: string[] = []): Catalog => ({
  version: 1,
  currency: items[0]?.currency ?? null,
  categories,
  items,
  total: items.length,
  offset: 0,
  next_offset: null,
});

export const TEST_CATALOG: Catalog = {
  version: 1,
  currency: 'EUR',
  total: 4,
  offset: 0,
  next_offset: null,
  categories: ['Seating', 'Tables', 'Decor'],
  items: [
    catalogItem('sofa', 228, 95, { category: 'Seating', name: 'Halden 3-Seat Sofa', price_cents: 89900 }),
    catalogItem('chair', 45, 53, { category: 'Seating', name: 'Tova Dining Chair', price_cents: 11900 }),
    catalogItem('table', 180, 90, {
      category: 'Tables',
      name: 'Ekdal Dining Table',
      price_cents: 74900,
      description: 'A solid oak dining table seating six.',
    }),
    catalogItem('rug', 200, 300, { category: 'Decor', name: 'Mosaik Rug', height_cm: 1, price_cents: 29900 }),
  ],
};
