/**
 * What a retailer gets from the planner beyond the room (issue 12): the shopping list and its
 * "Add to basket", the basket and analytics messages (validated before they go), and the
 * host's theme and locale. One lazy chunk, loaded right after the planner mounts: none of it
 * is needed for the first paint, and the planner's first load has a budget (`pnpm size`).
 */
import './planner-shopping-list.ts';

export { addItem } from './add-item.ts';
export { applySettings } from './apply-settings.ts';
export { watchDesign } from './design-analytics.ts';
export { chooseVariant } from './edit-variant.ts';
export { sendAnalytics, sendBasket } from './send.ts';
