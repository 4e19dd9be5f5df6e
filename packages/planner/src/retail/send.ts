import {
  type AnalyticsEvent,
  type AnalyticsMessage,
  type BasketMessage,
  isAnalytics,
  isBasket,
  message,
} from '@planner/protocol';
import type { Basket } from './basket.ts';

/** The part of the api-client's bridge that posts to the pinned host. */
export interface HostSender {
  send(sent: BasketMessage | AnalyticsMessage): boolean;
}

/**
 * The planner's side of "validated on both sides": nothing goes to the host that the
 * protocol's validator refuses (the host checks again). Lazy-loaded with the shopping list,
 * so the validators are not part of the planner's first load. False when refused or unsent.
 */
export function sendBasket(host: HostSender, basket: Basket): boolean {
  const sent = message<BasketMessage>('Basket', basket);
  return isBasket(sent) && host.send(sent);
}

/** One analytics event: only its allow-listed fields get through (the validator refuses others). */
export function sendAnalytics(host: HostSender, event: AnalyticsEvent): boolean {
  const sent = message<AnalyticsMessage>('Analytics', event);
  return isAnalytics(sent) && host.send(sent);
}
