/** `GET /v1/catalog`. */
export interface CatalogItem {
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
}

export interface Catalog {
  items: CatalogItem[];
  categories: string[];
}
