import { z } from '@hono/zod-openapi';
import { CATALOG_VARIANT_KINDS, CATALOG_LIMITS as L } from '@planner/contract';
import { storableText } from './text.ts';

const sku = storableText()
  .min(1)
  .max(L.skuMaxLength)
  .regex(new RegExp(L.skuPattern), 'letters, digits, ".", "_" and "-" only, a letter or digit first');
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'three capital letters (ISO 4217)')
  .openapi({ example: 'EUR' });
const dimension = z.number().int().positive().max(L.dimensionMaxCm);
const price = z.number().int().nonnegative().max(L.priceMaxCents);
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, '#rrggbb');

export const CatalogVariant = z
  .object({
    sku: z.string(),
    kind: z.enum(CATALOG_VARIANT_KINDS),
    name: z.string(),
    price_cents: z.number().int().nonnegative(),
    colour: z.string().nullable(),
  })
  .openapi('CatalogVariant');

export const CatalogItem = z
  .object({
    id: z.string().openapi({ example: 'sofa-3-seat', description: 'The SKU.' }),
    category: z.string().openapi({ example: 'Seating' }),
    name: z.string().openapi({ example: 'Three-seat sofa' }),
    description: z.string(),
    width_cm: z.number().int().positive(),
    depth_cm: z.number().int().positive(),
    height_cm: z.number().int().positive(),
    price_cents: z.number().int().nonnegative(),
    currency: z.string().length(3),
    symbol_url: z.string().openapi({ description: 'Path of the SVG plan symbol, relative to the API.' }),
    image_url: z.string().nullable(),
    variants: z.array(CatalogVariant),
    sold: z.boolean().openapi({
      description: 'False once an import left it out: saved projects show it as "no longer sold".',
    }),
  })
  .openapi('CatalogItem');
export type CatalogItem = z.infer<typeof CatalogItem>;

export const Catalog = z
  .object({
    version: z.number().int().nonnegative(),
    currency: z.string().length(3).nullable(),
    categories: z.array(z.string()),
    items: z.array(CatalogItem),
    total: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    next_offset: z.number().int().nonnegative().nullable(),
  })
  .openapi('Catalog');
export type Catalog = z.infer<typeof Catalog>;

export const CatalogLookup = z
  .object({
    version: z.number().int().nonnegative(),
    items: z.array(CatalogItem),
    missing: z.array(z.string()),
  })
  .openapi('CatalogLookup');

export const CatalogQuery = z.object({
  q: z
    .string()
    .max(L.searchMaxLength)
    .optional()
    .openapi({ description: 'Words to find (name, SKU, category, description); each may be a prefix.' }),
  category: z.string().max(L.categoryMaxLength).optional(),
  offset: z.coerce.number().int().nonnegative().max(L.maxItems).optional(),
  limit: z.coerce
    .number()
    .int()
    .positive()
    .max(L.pageMaxLimit)
    .optional()
    .openapi({ description: `At most ${L.pageMaxLimit}; ${L.pageDefaultLimit} by default.` }),
});

export const CatalogLookupQuery = z.object({
  ids: z
    .string()
    .max(L.lookupMaxIds * (L.skuMaxLength + 1))
    .openapi({ description: `Comma-separated item ids (SKUs), at most ${L.lookupMaxIds}.` }),
});

// What an import takes: every bound comes from the contract, every text is storable.

export const CatalogImportVariant = z
  .object({
    sku,
    kind: z.enum(CATALOG_VARIANT_KINDS),
    name: storableText().min(1).max(L.variantNameMaxLength),
    price_cents: price,
    colour: colour.optional(),
  })
  .strict()
  .openapi('CatalogImportVariant');

export const CatalogImportItem = z
  .object({
    sku,
    name: storableText().min(1).max(L.nameMaxLength),
    category: storableText().min(1).max(L.categoryMaxLength),
    description: storableText().max(L.descriptionMaxLength).optional(),
    width_cm: dimension,
    depth_cm: dimension,
    height_cm: dimension,
    price_cents: price,
    currency,
    image_url: z
      .string()
      .max(L.imageUrlMaxLength)
      .regex(/^https:\/\/[^\s"'<>\\]+$/, 'an https:// URL')
      .refine((s) => URL.canParse(s), 'an https:// URL')
      .optional(),
    symbol_svg: z.string().max(L.symbolMaxBytes).optional().openapi({
      description:
        'A top-view plan symbol, sanitized on import; without it one is drawn from the category and size.',
    }),
    variants: z.array(CatalogImportVariant).max(L.maxVariants).optional(),
  })
  .strict()
  .openapi('CatalogImportItem');

export const CatalogImportInput = z
  .object({ items: z.array(CatalogImportItem).min(1).max(L.maxItems) })
  .strict()
  .openapi('CatalogImportInput');

export const CatalogImportProblem = z
  .object({ row: z.number().int().nonnegative(), field: z.string(), message: z.string() })
  .openapi('CatalogImportProblem');

export const CatalogImportErrorBody = z
  .object({
    error: z.literal('catalog_invalid'),
    error_description: z.string(),
    errors: z.array(CatalogImportProblem),
  })
  .openapi('CatalogImportError');

export const CatalogImportResult = z
  .object({
    legal_entity_id: z.string(),
    version: z.number().int().positive(),
    items: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    retired: z.number().int().nonnegative(),
  })
  .openapi('CatalogImportResult');

export const CatalogVersionSummary = z
  .object({
    version: z.number().int().positive(),
    created_at: z.string(),
    items: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    retired: z.number().int().nonnegative(),
    source: z.enum(['seed', 'import']),
  })
  .openapi('CatalogVersionSummary');

export const AdminCatalog = z
  .object({
    legal_entity_id: z.string(),
    version: z.number().int().nonnegative(),
    items: z.number().int().nonnegative(),
    currency: z.string().length(3).nullable(),
    versions: z.array(CatalogVersionSummary),
  })
  .openapi('AdminCatalog');
