import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Catalog, CatalogItem } from '../editor/design.ts';
import { formatPrice } from '../editor/price.ts';
import { formatLength, type Unit } from '../editor/units.ts';
import { CATALOG_DRAG_TYPE, dispatchAction } from './actions.ts';
import { icon } from './icons.ts';
import { dragCatalogItem } from './plan/catalog-drop.ts';
import { base } from './styles.ts';

/**
 * The furniture catalog: filter by category, search, read an item's details, and add it to
 * the room with its button (placed at the centre or the next free spot) or by dragging its
 * card onto the plan. Symbols load lazily as cards scroll into view.
 *
 * @fires planner-action - `{ type: 'add', catalogId }` from an "Add to room" button
 * @fires planner-catalog-retry - the catalog failed to load and the user asks to try again
 */
@customElement('planner-catalog')
export class PlannerCatalog extends LitElement {
  /** The catalog, or null while it loads. */
  @property({ attribute: false }) catalog: Catalog | null = null;
  /** Why the catalog could not be loaded, if it could not. */
  @property() error: string | null = null;
  @property({ attribute: false }) symbolUrl: (relative: string) => string = (relative) => relative;
  /** The unit sizes are shown in (the room's). */
  @property() unit: Unit = 'm';
  @property() locale: string | undefined;
  /** Set when no more items can be added (the platform's limit). */
  @property({ type: Boolean, attribute: 'add-disabled' }) addDisabled = false;

  @state() private _query = '';
  @state() private _category: string | null = null;
  @state() private _expanded: string | null = null;

  @query('input[type="search"]') private _search!: HTMLInputElement;

  /** Puts the cursor in the search field (when the drawer opens). */
  async focusSearch(): Promise<void> {
    await this.updateComplete;
    this._search?.focus();
  }

  get #matches(): CatalogItem[] {
    const items = this.catalog?.items ?? [];
    const words = this._query.toLowerCase().split(/\s+/).filter(Boolean);
    return items.filter((item) => {
      if (this._category && item.category !== this._category) return false;
      if (words.length === 0) return true;
      const text = `${item.name} ${item.category} ${item.description}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  override render() {
    const catalog = this.catalog;
    return html`
      <div class="search">
        <label class="sr-only" for="q">Search furniture</label>
        <span class="search-icon">${icon('search', 16)}</span>
        <input
          id="q"
          class="input"
          type="search"
          placeholder="Search furniture"
          autocomplete="off"
          .value=${this._query}
          @input=${(e: Event) => {
            this._query = (e.target as HTMLInputElement).value;
          }}
        />
      </div>
      ${catalog ? this.#renderCategories(catalog) : nothing}
      <div class="results" aria-busy=${catalog || this.error ? 'false' : 'true'}>
        ${this.error ? this.#renderError() : catalog ? this.#renderItems() : this.#renderSkeleton()}
      </div>
    `;
  }

  #renderCategories(catalog: Catalog) {
    const chip = (value: string | null, label: string) => html`
      <button
        type="button"
        class="chip"
        aria-pressed=${this._category === value ? 'true' : 'false'}
        @click=${() => {
          this._category = value;
        }}
      >
        ${label}
      </button>
    `;
    return html`
      <div class="chips" role="group" aria-label="Categories">
        ${chip(null, 'All')} ${catalog.categories.map((c) => chip(c, c))}
      </div>
    `;
  }

  #renderItems() {
    const matches = this.#matches;
    const total = this.catalog?.items.length ?? 0;
    return html`
      <p class="count" role="status">
        ${matches.length === total ? `${total} pieces` : `${matches.length} of ${total} pieces`}
      </p>
      ${
        matches.length === 0
          ? html`<p class="empty">No furniture matches${this._query ? html` “${this._query}”` : ''}.</p>`
          : html`<ul class="cards">
            ${matches.map((item) => this.#renderCard(item))}
          </ul>`
      }
    `;
  }

  #renderCard(item: CatalogItem) {
    const len = (cm: number) => formatLength(cm, this.unit, this.locale);
    const expanded = this._expanded === item.id;
    const detailsId = `details-${item.id}`;
    return html`
      <li
        class="card ${expanded ? 'open' : ''}"
        draggable="true"
        @dragstart=${(e: DragEvent) => this.#onDragStart(e, item)}
        @pointerdown=${(e: PointerEvent) => {
          // A finger or a pen drags with Pointer Events (plan/catalog-drop.ts); the mouse keeps native drag and drop.
          if (e.pointerType !== 'mouse' && !this.addDisabled) dragCatalogItem(e, item.id, item.name);
        }}
      >
        <div class="card-main">
          <div class="thumb" aria-hidden="true">
            <img
              src=${this.symbolUrl(item.symbol_url)}
              alt=""
              loading="lazy"
              decoding="async"
              draggable="false"
              style="aspect-ratio: ${item.width_cm} / ${item.depth_cm}"
            />
          </div>
          <div class="info">
            <h3 class="name">${item.name}</h3>
            <p class="meta">
              <span>${len(item.width_cm)} × ${len(item.depth_cm)}</span>
              <span class="price">${formatPrice(item.price_cents, item.currency, this.locale)}</span>
            </p>
          </div>
        </div>
        <div class="card-actions">
          <button
            type="button"
            class="btn quiet small details-toggle"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-controls=${detailsId}
            @click=${() => {
              this._expanded = expanded ? null : item.id;
            }}
          >
            Details <span class="chev">${icon('chevron', 14)}</span>
          </button>
          <button
            type="button"
            class="btn small add"
            ?disabled=${this.addDisabled}
            aria-label="Add ${item.name} to room"
            title=${this.addDisabled ? 'The room holds at most 500 pieces' : 'Add to room'}
            @click=${() => dispatchAction(this, { type: 'add', catalogId: item.id })}
          >
            ${icon('plus', 15)} Add to room
          </button>
        </div>
        <div class="details" id=${detailsId} ?hidden=${!expanded}>
          <p>${item.description}</p>
          <dl>
            <div><dt>Width</dt><dd>${len(item.width_cm)}</dd></div>
            <div><dt>Depth</dt><dd>${len(item.depth_cm)}</dd></div>
            <div><dt>Height</dt><dd>${len(item.height_cm)}</dd></div>
            <div><dt>Category</dt><dd>${item.category}</dd></div>
          </dl>
        </div>
      </li>
    `;
  }

  #renderSkeleton() {
    return html`
      <p class="count">Loading the catalog…</p>
      <ul class="cards" aria-hidden="true">
        ${[0, 1, 2, 3, 4].map(() => html`<li class="card skeleton"><div class="thumb"></div><div class="bars"><span></span><span></span></div></li>`)}
      </ul>
    `;
  }

  #renderError() {
    return html`
      <div class="error" role="alert">
        <p><strong>The catalog could not be loaded.</strong> ${this.error}</p>
        <button
          type="button"
          class="btn small"
          @click=${() => this.dispatchEvent(new Event('planner-catalog-retry', { bubbles: true, composed: true }))}
        >
          ${icon('refresh', 15)} Try again
        </button>
      </div>
    `;
  }

  #onDragStart(e: DragEvent, item: CatalogItem): void {
    const dt = e.dataTransfer;
    if (!dt) return;
    dt.setData(CATALOG_DRAG_TYPE, item.id);
    dt.setData('text/plain', item.name);
    dt.effectAllowed = 'copy';
    const img = (e.currentTarget as HTMLElement).querySelector('img');
    if (img?.complete && img.naturalWidth > 0) dt.setDragImage(img, img.width / 2, img.height / 2);
  }

  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .search {
        position: relative;
        padding: 0 16px;
      }
      .search-icon {
        position: absolute;
        left: 27px;
        top: 50%;
        transform: translateY(-50%);
        color: var(--pl-faint);
        display: flex;
        pointer-events: none;
      }
      .search .input {
        width: 100%;
        padding-left: 32px;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        padding: 12px 16px 4px;
      }
      .chip {
        border: 1px solid var(--pl-border);
        background: var(--pl-surface);
        border-radius: 999px;
        padding: 3px 10px;
        font-size: 13px;
        color: var(--pl-muted);
        cursor: pointer;
      }
      .chip:hover {
        border-color: var(--pl-border-strong);
        color: var(--pl-text);
      }
      .chip[aria-pressed='true'] {
        background: var(--pl-accent-soft);
        border-color: var(--pl-accent);
        color: var(--pl-accent-hover);
        font-weight: 600;
      }
      .results {
        min-height: 0;
        flex: 1;
        overflow: auto;
        padding: 0 16px 16px;
      }
      .count {
        margin: 8px 0;
        font-size: 12px;
        color: var(--pl-faint);
      }
      .empty {
        color: var(--pl-muted);
        padding: 24px 0;
        text-align: center;
      }
      .cards {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      .card {
        border: 1px solid var(--pl-border);
        border-radius: var(--pl-radius);
        background: var(--pl-surface);
        padding: 10px;
        cursor: grab;
        /* A finger scrolls the list up and down, and drags a card sideways onto the plan. */
        touch-action: pan-y;
        transition:
          border-color 120ms,
          box-shadow 120ms;
      }
      .card:hover {
        border-color: var(--pl-border-strong);
        box-shadow: var(--pl-shadow);
      }
      .card:active {
        cursor: grabbing;
      }
      .card-main {
        display: flex;
        gap: 12px;
        align-items: center;
      }
      .thumb {
        flex: none;
        width: 64px;
        height: 52px;
        border-radius: var(--pl-radius-sm);
        background: var(--pl-surface-2);
        display: flex;
        align-items: center;
        justify-content: center;
        padding: 5px;
      }
      .thumb img {
        display: block;
        max-width: 100%;
        max-height: 100%;
        width: auto;
        height: auto;
      }
      .info {
        min-width: 0;
        flex: 1;
      }
      .name {
        margin: 0 0 2px;
        font-size: 14px;
        font-weight: 600;
        line-height: 1.3;
      }
      .meta {
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 2px 10px;
        font-size: 12.5px;
        color: var(--pl-muted);
        font-variant-numeric: tabular-nums;
      }
      .price {
        color: var(--pl-text);
        font-weight: 500;
      }
      .card-actions {
        display: flex;
        justify-content: space-between;
        align-items: center;
        margin-top: 8px;
      }
      .details-toggle {
        color: var(--pl-muted);
        padding: 0 6px;
      }
      .chev {
        display: inline-flex;
        transition: transform 150ms;
      }
      .card.open .chev {
        transform: rotate(180deg);
      }
      .add {
        border-color: var(--pl-accent);
        color: var(--pl-accent-hover);
      }
      .add:hover:not(:disabled) {
        background: var(--pl-accent-soft);
        border-color: var(--pl-accent);
      }
      .details {
        margin-top: 8px;
        padding-top: 8px;
        border-top: 1px solid var(--pl-border);
        font-size: 13px;
        color: var(--pl-muted);
      }
      .details p {
        margin: 0 0 8px;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(2, 1fr);
        gap: 4px 12px;
        margin: 0;
      }
      dl div {
        display: flex;
        justify-content: space-between;
        gap: 8px;
      }
      dt {
        color: var(--pl-faint);
      }
      dd {
        margin: 0;
        color: var(--pl-text);
        font-variant-numeric: tabular-nums;
      }
      .skeleton {
        display: flex;
        gap: 12px;
        align-items: center;
        cursor: default;
      }
      .skeleton .thumb,
      .bars span {
        background: linear-gradient(90deg, var(--pl-sunken), var(--pl-surface-2), var(--pl-sunken));
        background-size: 200% 100%;
        animation: shimmer 1.4s ease-in-out infinite;
      }
      .bars {
        flex: 1;
        display: grid;
        gap: 8px;
      }
      .bars span {
        display: block;
        height: 10px;
        border-radius: 4px;
      }
      .bars span + span {
        width: 60%;
      }
      @keyframes shimmer {
        to {
          background-position: -200% 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .skeleton .thumb,
        .bars span {
          animation: none;
        }
      }
      .error {
        margin-top: 12px;
        padding: 12px;
        border-radius: var(--pl-radius);
        background: var(--pl-danger-soft);
        color: var(--pl-danger);
      }
      .error p {
        margin: 0 0 8px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-catalog': PlannerCatalog;
  }
  interface HTMLElementEventMap {
    'planner-catalog-retry': Event;
  }
}
