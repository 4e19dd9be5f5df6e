import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base } from '../components/styles.ts';
import type { CatalogIndex, PlacedItem } from '../editor/design.ts';
import { formatPrice } from '../editor/price.ts';
import type { PlannerServices } from '../services.ts';
import { type FlagReason, shoppingList } from './basket.ts';

/**
 * The plan as a shopping list — one line per SKU and variant, quantity, price (the variant's
 * own), subtotal and the total in the catalog's currency, all through `Intl` in the
 * planner's locale; pieces the shop cannot sell listed apart, flagged — and the
 * **Add to basket** button, which hands the lines to the host page (`requestBasket`, a
 * `Basket` message) after a `basket_requested` analytics event.
 *
 * The list opens and closes; the button works either way.
 */
// A function, not a table: msg() must run at render time to follow a change of language.
const reasonText = (reason: FlagReason): string =>
  reason === 'unknown'
    ? msg('not in the catalog')
    : reason === 'not_sold'
      ? msg('no longer sold')
      : msg('this variant is no longer sold');

@customElement('planner-shopping-list')
@localized()
export class PlannerShoppingList extends LitElement {
  /** The pieces in the room. */
  @property({ attribute: false }) items: readonly PlacedItem[] = [];
  /** The catalog, by item id. */
  @property({ attribute: false }) catalog: CatalogIndex = new Map();
  @property({ attribute: false }) services: Pick<PlannerServices, 'requestBasket' | 'track'> | undefined;
  /** BCP 47 locale for numbers and prices; the browser's by default. */
  @property() locale: string | undefined;

  @state() private _open = false;
  @state() private _status: { text: string; error?: boolean } | null = null;
  @state() private _sending = false;

  override render() {
    const { basket, flagged, currencies } = shoppingList(this.items, this.catalog);
    const pieces = basket?.lines.reduce((n, l) => n + l.quantity, 0) ?? 0;
    const number = new Intl.NumberFormat(this.locale);
    const price = (cents: number) => formatPrice(cents, basket?.currency, this.locale);
    return html`
      <div class="bar">
        <button
          type="button"
          class="btn quiet toggle"
          aria-expanded=${this._open ? 'true' : 'false'}
          aria-controls="list"
          @click=${() => {
            this._open = !this._open;
          }}
        >
          ${msg('Shopping list')}
          <span class="muted">${basket?.lines.length === 1 ? msg('(1 line)') : msg(str`(${number.format(basket?.lines.length ?? 0)} lines)`)}</span>
        </button>
        <span class="status ${this._status?.error ? 'error' : ''}" role="status">${this._status?.text ?? ''}</span>
        <button
          type="button"
          class="btn primary add"
          ?disabled=${!basket || this._sending}
          @click=${() => this.#add()}
        >
          ${msg('Add to basket')}
        </button>
      </div>
      <div id="list" ?hidden=${!this._open}>
        ${
          basket
            ? html`<table>
              <thead>
                <tr><th scope="col">${msg('Item')}</th><th scope="col" class="num">${msg('Qty')}</th><th scope="col" class="num">${msg('Price')}</th><th scope="col" class="num">${msg('Subtotal')}</th></tr>
              </thead>
              <tbody>
                ${basket.lines.map(
                  (l) => html`<tr data-sku=${l.sku}>
                    <th scope="row">${l.name}<span class="sku">${l.sku}${l.variant ? ` · ${l.variant}` : ''}</span></th>
                    <td class="num">${number.format(l.quantity)}</td>
                    <td class="num">${price(l.unit_cents)}</td>
                    <td class="num">${price(l.subtotal_cents)}</td>
                  </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr><th scope="row" colspan="3">${pieces === 1 ? msg('Total (1 piece)') : msg(str`Total (${number.format(pieces)} pieces)`)}</th><td class="num total">${price(basket.total_cents)}</td></tr>
              </tfoot>
            </table>`
            : html`<p class="muted">${
                currencies.length > 1
                  ? msg(
                      str`The plan mixes currencies (${currencies.join(', ')}): it cannot go into one basket.`,
                    )
                  : msg('Add furniture to the room to see your shopping list.')
              }</p>`
        }
        ${
          flagged.length
            ? html`<p class="muted">${msg('Not in the basket (the plan keeps them):')}</p>
              <ul class="flagged">
                ${flagged.map(
                  (f) => html`<li data-sku=${f.sku}>
                    ${number.format(f.quantity)} × ${f.name}
                    <span class="sku">${f.sku}${f.variant ? ` · ${f.variant}` : ''} · ${reasonText(f.reason)}</span>
                  </li>`,
                )}
              </ul>`
            : nothing
        }
      </div>
    `;
  }

  async #add(): Promise<void> {
    const { basket } = shoppingList(this.items, this.catalog);
    if (!basket || !this.services) return;
    this._sending = true;
    this._status = null;
    const quantity = basket.lines.reduce((n, l) => n + l.quantity, 0);
    this.services.track({
      event: 'basket_requested',
      lines: basket.lines.length,
      quantity,
      total_cents: basket.total_cents,
      currency: basket.currency,
    });
    try {
      const sent = await this.services.requestBasket(basket);
      this._status = sent
        ? {
            text:
              quantity === 1
                ? msg('Sent 1 piece to the shop’s basket.')
                : msg(str`Sent ${quantity} pieces to the shop’s basket.`),
          }
        : { text: msg('The shop could not take the basket just now.'), error: true };
    } finally {
      this._sending = false;
    }
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
        background: var(--pl-surface);
        border: 1px solid var(--pl-border);
        border-radius: var(--pl-radius);
        padding: 8px 10px;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
      }
      .status {
        flex: 1 1 auto;
        font-size: 13px;
        color: var(--pl-success);
        text-align: end;
      }
      .status.error {
        color: var(--pl-danger);
      }
      .muted {
        color: var(--pl-muted);
      }
      table {
        width: 100%;
        margin-top: 8px;
        border-collapse: collapse;
        font-size: 13px;
      }
      th,
      td {
        padding: 6px 4px;
        border-top: 1px solid var(--pl-border);
        text-align: start;
        font-weight: 400;
      }
      thead th {
        border-top: 0;
        color: var(--pl-muted);
        font-size: 12px;
        font-weight: 600;
      }
      tfoot th,
      tfoot td {
        font-weight: 600;
      }
      .num {
        text-align: end;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .flagged {
        margin: 0;
        padding-inline-start: 18px;
        font-size: 13px;
      }
      .sku {
        display: block;
        color: var(--pl-faint);
        font-size: 12px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-shopping-list': PlannerShoppingList;
  }
}
