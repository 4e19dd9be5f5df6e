import { describe, expect, it } from 'vitest';
import { message } from './create.ts';
import { isAnalytics, isBasket, parseHostMessage, parsePlannerMessage } from './guards.ts';
import type { AnalyticsMessage, BasketMessage } from './messages.ts';

const sofa = {
  sku: 'sofa-3-seat',
  name: 'Halden 3-Seat Sofa',
  quantity: 1,
  unit_cents: 89900,
  subtotal_cents: 89900,
};
const chair = {
  sku: 'dining-chair',
  variant: 'dining-chair-oak',
  name: 'Tova Dining Chair',
  quantity: 4,
  unit_cents: 11900,
  subtotal_cents: 47600,
};
const basket = (body: Record<string, unknown> = {}) => ({
  ns: 'planner',
  v: 1,
  type: 'Basket',
  currency: 'EUR',
  lines: [sofa, chair],
  total_cents: 137500,
  ...body,
});

describe('Basket', () => {
  it('accepts the lines a planner sends, raw or built with message()', () => {
    expect(parsePlannerMessage(basket())).toEqual(basket());
    const built = message<BasketMessage>('Basket', {
      currency: 'EUR',
      lines: [sofa, chair],
      total_cents: 137500,
    });
    expect(isBasket(built)).toBe(true);
  });

  it('is planner → host only', () => {
    expect(parseHostMessage(basket())).toBeUndefined();
  });

  it.each([
    ['no lines', { lines: [] }],
    ['lines that are not an array', { lines: { 0: sofa } }],
    ['a total that is not the sum', { total_cents: 1 }],
    ['a subtotal that is not price × quantity', { lines: [{ ...sofa, subtotal_cents: 1 }], total_cents: 1 }],
    ['a quantity of 0', { lines: [{ ...sofa, quantity: 0, subtotal_cents: 0 }], total_cents: 0 }],
    [
      'a fractional quantity',
      { lines: [{ ...sofa, quantity: 1.5, subtotal_cents: 134850 }], total_cents: 134850 },
    ],
    ['a negative price', { lines: [{ ...sofa, unit_cents: -1, subtotal_cents: -1 }], total_cents: -1 }],
    ['a lower-case currency', { currency: 'eur' }],
    ['an extra field on a line', { lines: [{ ...sofa, email: 'ada@example.com' }], total_cents: 89900 }],
    ['an extra field on the basket', { user: 'u-1' }],
    ['an over-long SKU', { lines: [{ ...sofa, sku: 'x'.repeat(65) }], total_cents: 89900 }],
    ['a variant that is not a string', { lines: [{ ...sofa, variant: 7 }], total_cents: 89900 }],
    ['an over-long variant', { lines: [{ ...sofa, variant: 'x'.repeat(65) }], total_cents: 89900 }],
  ])('refuses a basket with %s', (_, body) => {
    expect(parsePlannerMessage(basket(body))).toBeUndefined();
  });
});

describe('Analytics', () => {
  const analytics = (body: Record<string, unknown>) => ({ ns: 'planner', v: 1, type: 'Analytics', ...body });

  it.each([
    [{ event: 'design_started' }],
    [{ event: 'item_added', sku: 'sofa-3-seat', category: 'Seating' }],
    [{ event: 'project_saved', items: 3 }],
    [{ event: 'basket_requested', lines: 2, quantity: 5, total_cents: 137500, currency: 'EUR' }],
  ])('accepts %j', (event) => {
    expect(parsePlannerMessage(analytics(event))).toEqual(analytics(event));
  });

  it('builds with message()', () => {
    const built = message<AnalyticsMessage>('Analytics', { event: 'project_saved', items: 2 });
    expect(isAnalytics(built)).toBe(true);
  });

  // The allow-list is the privacy rule: a field that is not named for its event is refused,
  // whatever it holds, so nothing personal can ride along.
  it.each([
    [{ event: 'design_started', user: 'u-1' }],
    [{ event: 'item_added', sku: 'sofa', category: 'Seating', email: 'ada@example.com' }],
    [{ event: 'project_saved', items: 3, id: 'b6f0', name: "Ada's flat" }],
    [{ event: 'basket_requested', lines: 1, quantity: 1, total_cents: 1, currency: 'EUR', token: 'a.b.c' }],
    [{ event: 'project_saved' }],
    [{ event: 'item_added', sku: 42, category: 'Seating' }],
    [{ event: 'page_viewed' }],
    [{ event: 'toString' }],
  ])('refuses %j', (event) => {
    expect(parsePlannerMessage(analytics(event))).toBeUndefined();
  });
});
