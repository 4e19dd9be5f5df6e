import { nothing, svg } from 'lit';
import type { Footprint } from '../../editor/footprint.ts';
import { variantOf } from '../../retail/variants.ts';
import type { ItemPartOptions } from './parts.ts';

/**
 * A piece in its variant's colour on the plan: its symbol once more, flooded with the colour
 * where the symbol is drawn (its transparent corners stay clear, so a round table stays
 * round) and multiplied over it, so the symbol's lines still show. Deferred: the first paint
 * draws the catalog's symbol, and this follows with the chunk a moment later.
 */
export function variantPaint(s: Footprint, o: ItemPartOptions) {
  const c = s.catalogItem;
  const colour = variantOf(s.item, c)?.colour;
  if (!c || !colour || !/^#[\da-f]{6}$/i.test(colour)) return nothing;
  const id = `variant${colour.slice(1)}`;
  const { width: w, depth: d } = s;
  return svg`<filter id=${id}><feFlood flood-color=${colour}></feFlood><feComposite in2="SourceAlpha" operator="in"></feComposite></filter><image class="paint" href=${o.symbolUrl(c.symbol_url)} x=${-w / 2} y=${-d / 2} width=${w} height=${d} preserveAspectRatio="none" filter="url(#${id})" opacity=".85" style="mix-blend-mode:multiply" pointer-events="none"></image>`;
}
