import { z } from '@hono/zod-openapi';

export const CatalogItem = z
  .object({
    id: z.string().openapi({ example: 'sofa-3-seat' }),
    category: z.string().openapi({ example: 'Seating' }),
    name: z.string().openapi({ example: 'Three-seat sofa' }),
    description: z.string(),
    width_cm: z.number().int().positive(),
    depth_cm: z.number().int().positive(),
    height_cm: z.number().int().positive(),
    price_cents: z.number().int().nonnegative(),
    currency: z.string().length(3),
    symbol_url: z.string().openapi({ description: 'Path of the SVG plan symbol, relative to the API.' }),
  })
  .openapi('CatalogItem');
export type CatalogItem = z.infer<typeof CatalogItem>;

export const Catalog = z
  .object({ items: z.array(CatalogItem), categories: z.array(z.string()) })
  .openapi('Catalog');
export type Catalog = z.infer<typeof Catalog>;
