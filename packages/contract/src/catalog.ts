/**
 * A legal entity's furniture catalog: `GET /v1/catalog` (search and pages), `GET
 * /v1/catalog/items` (look-up by id, sold or not) and the admin API's import.
 */

/** A colour or material an item comes in, with its own SKU and price. */
export interface CatalogVariant {
  sku: string;
  kind: CatalogVariantKind;
  name: string;
  price_cents: number;
  /** `#rrggbb`, or null when the variant has no colour of its own. */
  colour: string | null;
}

export const CATALOG_VARIANT_KINDS = ['colour', 'material'] as const;
export type CatalogVariantKind = (typeof CATALOG_VARIANT_KINDS)[number];

export interface CatalogItem {
  /** The item's SKU: what a placed piece's `catalog_id` names. */
  id: string;
  category: string;
  name: string;
  description: string;
  width_cm: number;
  depth_cm: number;
  height_cm: number;
  price_cents: number;
  /** ISO 4217, three letters. */
  currency: string;
  /** Path of the SVG plan symbol, relative to the API. */
  symbol_url: string;
  image_url: string | null;
  variants: CatalogVariant[];
  /**
   * False once an import left the item out: saved projects still find it (flag it "no longer
   * sold", never drop it), but the catalog's list and search no longer show it.
   */
  sold: boolean;
}

/** `GET /v1/catalog`: one page of the items on sale, with what the planner's list needs. */
export interface Catalog {
  /** The catalog version (each import makes a new one); 0 before the first. */
  version: number;
  /** The catalog's one currency; null while it is empty. */
  currency: string | null;
  /** Every category with an item on sale, in catalog order (not only this page's). */
  categories: string[];
  items: CatalogItem[];
  /** Items matching the query, across all pages. */
  total: number;
  offset: number;
  /** Where the next page starts; null on the last. */
  next_offset: number | null;
}

/** `GET /v1/catalog/items?ids=…`: the items named, sold or not, and the ids it has never had. */
export interface CatalogLookup {
  version: number;
  items: CatalogItem[];
  missing: string[];
}

/** One variant of an import row. */
export interface CatalogImportVariant {
  sku: string;
  kind: CatalogVariantKind;
  name: string;
  price_cents: number;
  colour?: string | undefined;
}

/**
 * One item of an import (JSON `{ "items": [...] }`, or one CSV row; see the platform's
 * README for the CSV columns). Without `symbol_svg`, a symbol is drawn from the category
 * and size; with it, the SVG is sanitized (no scripts, event handlers, external references
 * or foreignObject).
 */
export interface CatalogImportItem {
  sku: string;
  name: string;
  category: string;
  description?: string | undefined;
  width_cm: number;
  depth_cm: number;
  height_cm: number;
  price_cents: number;
  currency: string;
  image_url?: string | undefined;
  symbol_svg?: string | undefined;
  variants?: CatalogImportVariant[] | undefined;
}

export interface CatalogImportInput {
  items: CatalogImportItem[];
}

/** One problem of a refused import: which row (1-based: JSON item or CSV data row) and field. */
export interface CatalogImportProblem {
  row: number;
  /** The field, e.g. `width_cm` or `variants[1].sku`; `''` for the row as a whole. */
  field: string;
  message: string;
}

/** `422 catalog_invalid`: nothing was applied. */
export interface CatalogImportErrorBody {
  error: 'catalog_invalid';
  error_description: string;
  errors: CatalogImportProblem[];
}

/** What an import did: the new version and how it differs from the one before. */
export interface CatalogImportResult {
  legal_entity_id: string;
  version: number;
  items: number;
  added: number;
  updated: number;
  /** Items of the previous version left out: no longer sold. */
  retired: number;
}

export interface CatalogVersionSummary {
  version: number;
  created_at: string;
  items: number;
  added: number;
  updated: number;
  retired: number;
  source: 'seed' | 'import';
}

/** The admin API's view of a legal entity's catalog: its versions, newest first. */
export interface AdminCatalog {
  legal_entity_id: string;
  version: number;
  items: number;
  currency: string | null;
  versions: CatalogVersionSummary[];
}

/**
 * The largest page `GET /v1/catalog` gives. Its own constant: a browser bundle that needs
 * only this does not carry the whole of CATALOG_LIMITS.
 */
export const CATALOG_PAGE_MAX_LIMIT = 200;

export const CATALOG_LIMITS = {
  maxItems: 10_000,
  skuMaxLength: 64,
  /** Letters, digits, dot, underscore and hyphen; a letter or digit first. */
  skuPattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  nameMaxLength: 200,
  categoryMaxLength: 80,
  descriptionMaxLength: 2000,
  /** No piece is larger than the largest room. */
  dimensionMaxCm: 5000,
  priceMaxCents: 100_000_000,
  maxVariants: 50,
  variantNameMaxLength: 80,
  imageUrlMaxLength: 2048,
  symbolMaxBytes: 64 * 1024,
  /** The largest import body, JSON or CSV. */
  importMaxBytes: 8 * 1024 * 1024,
  pageDefaultLimit: 50,
  pageMaxLimit: CATALOG_PAGE_MAX_LIMIT,
  searchMaxLength: 200,
  /** Ids per `GET /v1/catalog/items`. */
  lookupMaxIds: 200,
  /** The most problems an import's refusal lists (the count says how many in all). */
  maxReportedProblems: 1000,
} as const;
