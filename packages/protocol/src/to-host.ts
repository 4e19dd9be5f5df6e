/**
 * What the host receives from the planner, with one validator per message: `Ready`,
 * `TokenExpired`, `LoginRequired`, `Error`, and a shop's `Basket` and `Analytics`. Kept apart
 * from what the planner receives (`to-planner.ts`): the planner's page loads these only with
 * its lazy chunk, where it checks what it sends.
 */

import {
  type Check,
  type Checks,
  currency,
  type DebugHook,
  error,
  int,
  is,
  isRec,
  only,
  optional,
  parse,
  type Rec,
  str,
} from './lib/check.ts';
import type {
  AnalyticsMessage,
  BasketMessage,
  LoginRequiredMessage,
  PlannerToHostMessage,
  ReadyMessage,
  TokenExpiredMessage,
} from './messages.ts';

// Bounds: a plan holds at most 1 000 pieces (the platform's limit), a price fits well within a
// safe integer; anything beyond is not a basket a planner could have made.
const MAX_LINES = 1000;
const MAX_CENTS = 1e12;
const basket = (d: Rec) => {
  const lines = d.lines;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_LINES) return false;
  let total = 0;
  for (const l of lines) {
    if (
      !isRec(l) ||
      !only(l, 'sku variant name quantity unit_cents subtotal_cents') ||
      !str(l.sku, 64) ||
      !optional(l.variant, 64) ||
      !str(l.name, 200) ||
      !int(l.quantity, 1, MAX_LINES) ||
      !int(l.unit_cents, 0, MAX_CENTS) ||
      l.subtotal_cents !== l.unit_cents * l.quantity
    )
      return false;
    total += l.subtotal_cents;
  }
  return currency(d.currency) && d.total_cents === total && only(d, 'ns v type currency lines total_cents');
};

const text = (v: unknown) => str(v, 64);
/** Each analytics event with the one check of its fields; no other field may be present. */
const analytics: Record<string, [keys: string, check: (d: Rec) => boolean]> = {
  design_started: ['', () => true],
  item_added: ['sku category', (d) => text(d.sku) && text(d.category)],
  project_saved: ['items', (d) => int(d.items, 0, MAX_LINES)],
  basket_requested: [
    'lines quantity total_cents currency',
    (d) =>
      int(d.lines, 1, MAX_LINES) &&
      int(d.quantity, 1, MAX_LINES) &&
      int(d.total_cents, 0, MAX_CENTS) &&
      currency(d.currency),
  ],
};

const ready: Check = (d) => str(d.planner) && (d.instance === undefined || str(d.instance, 64));
const tokenExpired: Check = (d) =>
  (d.reason === 'expired' || d.reason === 'rejected') &&
  (d.kind === undefined || d.kind === 'legal_entity' || d.kind === 'user');
const loginRequired: Check = (d) => str(d.reason);
const analyticsEvent: Check = (d) => {
  const spec = Object.hasOwn(analytics, d.event as string) ? analytics[d.event as string] : undefined;
  return !!spec && only(d, `ns v type event ${spec[0]}`) && spec[1](d);
};

const PLANNER_TO_HOST: Checks = {
  Ready: ready,
  TokenExpired: tokenExpired,
  LoginRequired: loginRequired,
  Error: error,
  Basket: basket,
  Analytics: analyticsEvent,
};

/** Validates a message received by the host page. Returns `undefined` (never throws) when invalid. */
export const parsePlannerMessage = (data: unknown, debug?: DebugHook): PlannerToHostMessage | undefined =>
  parse(data, PLANNER_TO_HOST, debug) as PlannerToHostMessage | undefined;

export const isReady = /* @__PURE__ */ is<ReadyMessage>('Ready', ready);
export const isTokenExpired = /* @__PURE__ */ is<TokenExpiredMessage>('TokenExpired', tokenExpired);
export const isLoginRequired = /* @__PURE__ */ is<LoginRequiredMessage>('LoginRequired', loginRequired);
export const isBasket = /* @__PURE__ */ is<BasketMessage>('Basket', basket);
export const isAnalytics = /* @__PURE__ */ is<AnalyticsMessage>('Analytics', analyticsEvent);
