import { msg, str } from '@lit/localize';
import type { ActionContext, ActionOutcome } from '../components/action-reducer.ts';
import { itemName } from '../editor/describe.ts';
import { formatPrice } from '../editor/price.ts';
import { setVariant, variantOf } from './variants.ts';

/**
 * The inspector's variant choice as an `apply` action's outcome: one undo step, announced
 * with the price it now has.
 */
export const chooseVariant =
  (id: string, variant: string | undefined) =>
  (ctx: ActionContext): ActionOutcome => {
    const next = setVariant(ctx.design, id, variant);
    const item = next.items.find((i) => i.id === id);
    if (next === ctx.design || !item) return {};
    const c = ctx.catalog.get(item.catalog_id);
    const v = variantOf(item, c);
    const name = itemName(c);
    const what = v?.name ?? msg('Standard');
    return {
      edit: { label: `${what} ${name}`, next },
      announce: msg(
        str`${name}: ${what}, ${formatPrice(v?.price_cents ?? c?.price_cents ?? 0, c?.currency, ctx.locale)}.`,
      ),
    };
  };
