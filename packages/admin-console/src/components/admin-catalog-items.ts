import { localized, msg, str } from '@lit/localize';
import type { Catalog, CatalogItem, CatalogVariant } from '@planner/contract';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { AdminApi, LegalEntity } from '../api.ts';
import { getLocale } from '../i18n/localization.ts';
import { failure } from './events.ts';
import { base } from './styles.ts';

const PAGE = 50;

/** A price in the catalog's currency and the console's language: `€929.00`, `929,00 €`. */
export const formatPrice = (cents: number, currency: string) =>
  new Intl.NumberFormat(getLocale(), { style: 'currency', currency }).format(cents / 100);

/**
 * The items of the legal entity's catalog on sale, as its planner gets them, each with its
 * variants (colour or material, own SKU, price and colour): searched and paged by the
 * platform, so a catalog of 10 000 items lists as quickly as one of ten.
 */
@customElement('admin-catalog-items')
@localized()
export class AdminCatalogItems extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) entity!: LegalEntity;
  /** The catalog version shown; a new one (an import) lists again. */
  @property({ type: Number }) version = 0;
  @state() private _page: Catalog | null = null;
  @state() private _items: CatalogItem[] = [];
  @state() private _error = '';
  @state() private _busy = false;
  #query = '';
  /** Answers to an earlier search or version are dropped. */
  #asked = 0;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entity') || changed.has('version')) void this.#load(0);
  }

  async #load(offset: number): Promise<void> {
    const asked = ++this.#asked;
    this._busy = true;
    try {
      const page = await this.api.catalogItems(this.entity.id, {
        ...(this.#query ? { q: this.#query } : {}),
        offset,
        limit: PAGE,
      });
      if (asked !== this.#asked) return;
      this._items = offset ? [...this._items, ...page.items] : page.items;
      this._page = page;
      this._error = '';
    } catch (error) {
      if (asked === this.#asked) this._error = failure(this, error);
    } finally {
      if (asked === this.#asked) this._busy = false;
    }
  }

  #search(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.#query = (new FormData(form).get('q') ?? '').toString().trim();
    void this.#load(0);
  }

  #variant(v: CatalogVariant, currency: string) {
    return html`<li>
      ${v.colour ? html`<span class="swatch" style=${styleMap({ background: v.colour })} aria-hidden="true"></span>` : nothing}
      <span>${v.kind === 'colour' ? msg(str`Colour: ${v.name}`) : msg(str`Material: ${v.name}`)}</span>
      <span class="mono">${v.sku}</span>
      <span>${formatPrice(v.price_cents, currency)}</span>
    </li>`;
  }

  #table(items: CatalogItem[]) {
    return html`
      <table class="items">
        <caption class="sr-only">${msg('Items on sale, with their variants')}</caption>
        <thead>
          <tr><th scope="col">${msg('SKU')}</th><th scope="col">${msg('Name')}</th><th scope="col">${msg('Category')}</th><th scope="col">${msg('Price')}</th><th scope="col">${msg('Variants')}</th></tr>
        </thead>
        <tbody>
          ${items.map(
            (i) => html`<tr data-sku=${i.id}>
              <td class="mono">${i.id}</td>
              <td>${i.name}</td>
              <td>${i.category}</td>
              <td>${formatPrice(i.price_cents, i.currency)}</td>
              <td>${
                i.variants.length
                  ? html`<ul class="variants">${i.variants.map((v) => this.#variant(v, i.currency))}</ul>`
                  : html`<span class="muted">—</span>`
              }</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  override render() {
    const page = this._page;
    return html`
      <h3>${msg('Items')}</h3>
      <form class="row" role="search" @submit=${this.#search}>
        <label class="field">
          <span>${msg('Search the catalog')}</span>
          <input class="input" name="q" type="search" maxlength="200" />
        </label>
        <button class="btn" type="submit" ?disabled=${this._busy}>${msg('Search')}</button>
      </form>
      <p class="hint" aria-live="polite">
        ${
          page
            ? page.total === 1
              ? msg('1 item on sale matches.')
              : msg(str`${page.total} items on sale match.`)
            : msg('Loading…')
        }
      </p>
      ${this._items.length ? this.#table(this._items) : nothing}
      ${
        page?.next_offset != null
          ? html`<button class="btn" type="button" ?disabled=${this._busy} @click=${() => this.#load(page.next_offset ?? 0)}>
              ${msg(str`Show more (${this._items.length} of ${page.total})`)}
            </button>`
          : nothing
      }
      <p class="notice error" role="alert" ?hidden=${!this._error}>${this._error}</p>
    `;
  }

  static override styles = [
    base,
    css`
      h3 {
        margin: 18px 0 8px;
        font-size: 14px;
      }
      .variants {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 2px;
      }
      .variants li {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      .swatch {
        width: 12px;
        height: 12px;
        border-radius: 50%;
        border: 1px solid var(--pl-border);
      }
      .muted {
        color: var(--pl-muted);
      }
      .items {
        margin-bottom: 8px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-catalog-items': AdminCatalogItems;
  }
}
