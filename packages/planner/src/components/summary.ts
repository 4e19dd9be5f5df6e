import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { CatalogIndex, PlacedItem } from '../editor/design.ts';
import { formatTotal, priceTotal } from '../editor/price.ts';
import { icon } from './icons.ts';

export interface SummaryView {
  items: readonly PlacedItem[];
  catalog: CatalogIndex;
  /** False until the catalog has loaded: no total is shown before. */
  catalogLoaded: boolean;
  /** How many pieces have a warning. */
  warned: number;
  /** False when drafts cannot be kept in this browser. */
  draftPersistent: boolean;
  locale: string | undefined;
}

/**
 * The planner's footer: how many pieces, how many need attention, whether drafts can be kept,
 * and the price total. Styled by `planner-app.styles.ts` (it renders in the app's shadow root).
 */
export function renderSummary(v: SummaryView) {
  const total = priceTotal(v.items, v.catalog);
  const count = v.items.length;
  return html`
    <footer class="summary">
      <div class="counts">
        <span>${count === 1 ? msg('1 piece') : msg(str`${count} pieces`)}</span>
        ${
          v.warned > 0
            ? html`<span class="warned">${icon('alert', 14)} ${v.warned === 1 ? msg('1 needs attention') : msg(str`${v.warned} need attention`)}</span>`
            : nothing
        }
        ${v.draftPersistent ? nothing : html`<span class="muted">${msg('Drafts cannot be stored in this browser')}</span>`}
      </div>
      <div class="total">
        <span class="label">${msg('Total')}</span>
        <output aria-live="off">${v.catalogLoaded ? formatTotal(total, v.locale) : '—'}</output>
        ${total.unpriced > 0 ? html`<span class="muted">${msg(str`(${total.unpriced} without a price)`)}</span>` : nothing}
      </div>
    </footer>
  `;
}
