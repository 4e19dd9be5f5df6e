import type { ShopProduct } from './shop-catalog.ts';

/**
 * A shopper's basket, held in their session: quantities by SKU (and variant), priced on
 * every read from the shop's own catalog, never from what the browser (or the planner) said
 * a piece costs.
 *
 * Limits, so a session cannot grow without bound: at most `MAX_LINES` lines, at most
 * `MAX_QUANTITY` of one line. Breaking one is a `BasketError` (422) with a stable code, and
 * changes nothing: a request is applied whole or not at all.
 */
export const BASKET_LIMITS = { maxLines: 100, maxQuantity: 99, skuMaxLength: 64 } as const;

export type BasketErrorCode =
  /** The body is not `{ lines: [{ sku, variant?, quantity }] }` (or `{ sku, variant?, quantity }`). */
  | 'invalid_basket_request'
  /** A SKU the shop does not sell (`sku` says which). */
  | 'unknown_sku'
  /** A variant the product does not have (`sku` says which). */
  | 'unknown_variant'
  /** A line would hold more than `maxQuantity`. */
  | 'quantity_limit'
  /** The basket would hold more than `maxLines` lines. */
  | 'basket_full';

export class BasketError extends Error {
  readonly code: BasketErrorCode;
  readonly sku: string | undefined;
  constructor(code: BasketErrorCode, message: string, sku?: string) {
    super(message);
    this.name = 'BasketError';
    this.code = code;
    this.sku = sku;
  }
}

/** `sku\nvariant` → quantity, in the order lines were first added. */
export type BasketContents = Map<string, number>;

export interface BasketRequestLine {
  sku: string;
  variant?: string | undefined;
  quantity: number;
}

export interface BasketView {
  lines: {
    sku: string;
    variant?: string;
    name: string;
    quantity: number;
    unit_cents: number;
    subtotal_cents: number;
  }[];
  /** Pieces in the basket. */
  count: number;
  /** `null` for an empty basket. */
  currency: string | null;
  total_cents: number;
}

const key = (sku: string, variant: string | undefined) => `${sku}\n${variant ?? ''}`;

function isLine(v: unknown, minQuantity: number): v is BasketRequestLine {
  if (typeof v !== 'object' || v === null) return false;
  const { sku, variant, quantity, ...rest } = v as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof sku === 'string' &&
    sku.length > 0 &&
    sku.length <= BASKET_LIMITS.skuMaxLength &&
    (variant === undefined ||
      (typeof variant === 'string' && variant.length <= BASKET_LIMITS.skuMaxLength)) &&
    Number.isInteger(quantity) &&
    (quantity as number) >= minQuantity &&
    (quantity as number) <= BASKET_LIMITS.maxQuantity
  );
}

/** `{ lines: [...] }` from `POST /api/basket/lines`, or a `BasketError`. */
export function parseAddRequest(body: unknown): BasketRequestLine[] {
  const lines = (body as { lines?: unknown } | null)?.lines;
  if (
    !Array.isArray(lines) ||
    lines.length === 0 ||
    lines.length > BASKET_LIMITS.maxLines ||
    !lines.every((l) => isLine(l, 1))
  ) {
    throw new BasketError(
      'invalid_basket_request',
      `Send { lines: [{ sku, variant?, quantity }] }: 1 to ${BASKET_LIMITS.maxLines} lines, quantities 1 to ${BASKET_LIMITS.maxQuantity}.`,
    );
  }
  return lines;
}

/** `{ sku, variant?, quantity }` from `POST /api/basket/quantity` (0 removes the line), or a `BasketError`. */
export function parseSetRequest(body: unknown): BasketRequestLine {
  if (!isLine(body, 0)) {
    throw new BasketError(
      'invalid_basket_request',
      `Send { sku, variant?, quantity }, quantity 0 to ${BASKET_LIMITS.maxQuantity}.`,
    );
  }
  return body;
}

function check(products: Map<string, ShopProduct>, line: BasketRequestLine): void {
  const product = products.get(line.sku);
  if (!product) throw new BasketError('unknown_sku', 'The shop does not sell that item.', line.sku);
  if (line.variant !== undefined && !variantOf(product, line.variant))
    throw new BasketError('unknown_variant', 'That item has no such variant.', line.sku);
}

const variantOf = (product: ShopProduct, sku: string) => product.variants.find((v) => v.sku === sku);

function checkLimits(next: BasketContents): void {
  if (next.size > BASKET_LIMITS.maxLines) {
    throw new BasketError('basket_full', `A basket holds at most ${BASKET_LIMITS.maxLines} different items.`);
  }
  for (const quantity of next.values()) {
    if (quantity > BASKET_LIMITS.maxQuantity) {
      throw new BasketError(
        'quantity_limit',
        `A basket holds at most ${BASKET_LIMITS.maxQuantity} of one item.`,
      );
    }
  }
}

/** The basket with `lines` added (quantities summed), checked whole; `contents` is left as it was. */
export function addLines(
  contents: BasketContents,
  lines: BasketRequestLine[],
  products: Map<string, ShopProduct>,
): BasketContents {
  const next = new Map(contents);
  for (const line of lines) {
    check(products, line);
    const k = key(line.sku, line.variant);
    next.set(k, (next.get(k) ?? 0) + line.quantity);
  }
  checkLimits(next);
  return next;
}

/** The basket with one line set to `quantity` (0 removes it). */
export function setLine(
  contents: BasketContents,
  line: BasketRequestLine,
  products: Map<string, ShopProduct>,
): BasketContents {
  const next = new Map(contents);
  const k = key(line.sku, line.variant);
  if (line.quantity === 0) {
    next.delete(k);
    return next;
  }
  check(products, line);
  next.set(k, line.quantity);
  checkLimits(next);
  return next;
}

/**
 * The basket priced from the catalog as it is now, a variant at its own price. A line whose
 * product or variant the shop no longer sells is left out (the shopper could not buy it). One currency: the demo shop sells in one.
 */
export function viewBasket(
  contents: BasketContents | undefined,
  products: Map<string, ShopProduct>,
): BasketView {
  const lines: BasketView['lines'] = [];
  let currency: string | null = null;
  for (const [k, quantity] of contents ?? []) {
    const [sku = '', variant = ''] = k.split('\n');
    const product = products.get(sku);
    const chosen = product && variant ? variantOf(product, variant) : undefined;
    // A variant the catalog no longer has cannot be bought either.
    if (!product || (variant && !chosen)) continue;
    currency ??= product.currency;
    const unit = chosen?.price_cents ?? product.price_cents;
    lines.push({
      sku,
      ...(variant ? { variant } : {}),
      name: chosen ? `${product.name}, ${chosen.name}` : product.name,
      quantity,
      unit_cents: unit,
      subtotal_cents: unit * quantity,
    });
  }
  return {
    lines,
    count: lines.reduce((n, l) => n + l.quantity, 0),
    currency,
    total_cents: lines.reduce((n, l) => n + l.subtotal_cents, 0),
  };
}
