import { localized, msg, str } from '@lit/localize';
import type { CatalogQuery } from '@planner/api-client';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Catalog, CatalogItem } from '../editor/design.ts';
import { formatPrice } from '../editor/price.ts';
import { formatLength, type Unit } from '../editor/units.ts';
import { describeError } from '../project/describe-error.ts';
import { CATALOG_DRAG_TYPE, dispatchAction } from './actions.ts';
import {
  DETAILS,
  emptyResults,
  GAP,
  missingPages,
  pageQuery,
  type Results,
  rowTop,
  rowWindow,
  withPage,
} from './catalog-window.ts';
import { icon } from './icons.ts';
import { dragCatalogItem } from './plan/catalog-drop.ts';
import { catalogStyles } from './planner-catalog-styles.ts';
import { base } from './styles.ts';

/**
 * The furniture catalog: filter by category, search, read an item's details, and add it to
 * the room with its button (placed at the centre or the next free spot) or by dragging its
 * card onto the plan. The list is virtualized: only the rows in view (and a margin) are in
 * the DOM, whatever the catalog's size. With `search` set, the words and the category go to
 * the server and pages load as they scroll into view; without it, `catalog` is filtered here.
 *
 * @fires planner-action - `{ type: 'add', catalogId }` from an "Add to room" button
 * @fires planner-catalog-retry - the catalog failed to load and the user asks to try again
 */
@customElement('planner-catalog')
@localized()
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

  /**
   * The server's search (`WebServices.searchCatalog`): when set, the list asks it for each
   * page of the current words and category instead of filtering `catalog` itself.
   */
  @property({ attribute: false }) search: ((query: CatalogQuery) => Promise<Catalog>) | null = null;

  @state() private _query = '';
  @state() private _category: string | null = null;
  @state() private _expanded: string | null = null;
  @state() private _scrollTop = 0;
  @state() private _viewport = 0;
  @state() private _results: Results | null = null;
  /** The words the server was last asked about (the field runs ahead while typing). */
  @state() private _asked = '';

  @query('input[type="search"]') private _search!: HTMLInputElement;
  @query('.results') private _scroller!: HTMLElement | null;
  #resize: ResizeObserver | undefined;
  #typing: ReturnType<typeof setTimeout> | undefined;
  #pending: number[] = [];

  /** Typing pauses this long before the server is asked (ms). */
  static searchDelayMs = 200;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') this.#resize ??= new ResizeObserver(() => this.#measure());
    if (this._scroller) this.#resize?.observe(this._scroller);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    clearTimeout(this.#typing);
  }

  protected override firstUpdated(): void {
    if (this._scroller) this.#resize?.observe(this._scroller);
    this.#measure();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another search, or a new catalog version (an import): from the first page again.
    if (this.search && (changed.has('search') || this._results?.key !== this.#key)) {
      this._results = emptyResults(this.#key);
    }
    // The pages this render shows that are neither loaded nor asked for: marked asked here
    // (no second render), sent once rendered.
    const results = this._results;
    if (!this.search || !results || results.error) return;
    const [start, end] = rowWindow(this._scrollTop, this._viewport, results.total ?? 1);
    const pages = missingPages(results, start, end);
    if (!pages.length) return;
    this._results = { ...results, pages: new Set([...results.pages, ...pages]) };
    this.#pending.push(...pages);
  }

  protected override updated(): void {
    const search = this.search;
    const pages = this.#pending.splice(0);
    const asked = this._results?.key;
    if (!search || asked === undefined) return;
    for (const page of pages) {
      search(pageQuery(page, this._asked, this._category)).then(
        (answer) => {
          if (this._results?.key === asked) this._results = withPage(this._results, answer);
        },
        (error: unknown) => {
          if (this._results?.key !== asked) return;
          this._results = { ...this._results, error: describeError(error) };
        },
      );
    }
  }

  get #key(): string {
    return JSON.stringify([this._asked, this._category, this.catalog?.version ?? null]);
  }

  #measure(): void {
    const el = this._scroller;
    if (!el) return;
    this._viewport = el.clientHeight;
    this._scrollTop = el.scrollTop;
  }

  #onInput(value: string): void {
    this._query = value;
    this.#scrollToTop();
    clearTimeout(this.#typing);
    if (!this.search) return;
    this.#typing = setTimeout(() => {
      this._asked = value.trim();
    }, PlannerCatalog.searchDelayMs);
  }

  #scrollToTop(): void {
    if (this._scroller) this._scroller.scrollTop = 0;
    this._scrollTop = 0;
  }

  /** Puts the cursor in the search field (when the drawer opens). */
  async focusSearch(): Promise<void> {
    await this.updateComplete;
    this._search?.focus();
  }

  /** The local filter (no `search`): every match, in catalog order. */
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
        <label class="sr-only" for="q">${msg('Search furniture')}</label>
        <span class="search-icon">${icon('search', 16)}</span>
        <input
          id="q"
          class="input"
          type="search"
          placeholder=${msg('Search furniture')}
          autocomplete="off"
          .value=${this._query}
          @input=${(e: Event) => this.#onInput((e.target as HTMLInputElement).value)}
        />
      </div>
      ${catalog ? this.#renderCategories(catalog) : nothing}
      <div class="results" aria-busy=${catalog || this.error ? 'false' : 'true'} @scroll=${() => this.#measure()}>
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
          this.#scrollToTop();
        }}
      >
        ${label}
      </button>
    `;
    return html`
      <div class="chips" role="group" aria-label=${msg('Categories')}>
        ${chip(null, msg('All'))} ${catalog.categories.map((c) => chip(c, c))}
      </div>
    `;
  }

  #renderItems() {
    const all = this.catalog?.total ?? this.catalog?.items.length ?? 0;
    const remote = this.search ? this._results : null;
    if (remote?.error) return this.#renderError(remote.error);
    const matches = remote ? null : this.#matches;
    const count = remote ? remote.total : (matches?.length ?? 0);
    if (count === null) return html`<p class="count" role="status">${msg('Searching…')}</p>`;
    const filtered = this._query.trim() !== '' || this._category !== null;
    const at = (i: number) => (remote ? remote.items[i] : matches?.[i]);
    return html`
      <p class="count" role="status">
        ${!filtered || count === all ? msg(str`${count} pieces`) : msg(str`${count} of ${all} pieces`)}
      </p>
      ${
        count === 0
          ? html`<p class="empty">${this._query ? msg(str`No furniture matches “${this._query}”.`) : msg('No furniture matches.')}</p>`
          : this.#renderWindow(count, at)
      }
    `;
  }

  /** Only the rows in the window, each at its place in a list as tall as all of them. */
  #renderWindow(count: number, at: (i: number) => CatalogItem | undefined) {
    const [start, end] = rowWindow(this._scrollTop, this._viewport, count);
    let open = -1;
    if (this._expanded !== null) {
      for (let i = 0; i < count && open === -1; i++) if (at(i)?.id === this._expanded) open = i;
    }
    const rows = [];
    for (let i = start; i < end; i++) {
      const item = at(i);
      const top = rowTop(i, open);
      rows.push(
        item
          ? this.#renderCard(item, i, count, top)
          : html`<li class="card skeleton" aria-hidden="true" style="top: ${top}px"><div class="thumb"></div><div class="bars"><span></span><span></span></div></li>`,
      );
    }
    const height = rowTop(count, open) + (open === count - 1 ? DETAILS : 0) - GAP;
    return html`<ul class="cards virtual" style="height: ${height}px">${rows}</ul>`;
  }

  #renderCard(item: CatalogItem, index: number, count: number, top: number) {
    const len = (cm: number) => formatLength(cm, this.unit, this.locale);
    const expanded = this._expanded === item.id;
    const detailsId = `details-${item.id}`;
    return html`
      <li
        class="card ${expanded ? 'open' : ''}"
        style="top: ${top}px"
        aria-setsize=${count}
        aria-posinset=${index + 1}
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
            <h3 class="name" title=${item.name}>${item.name}</h3>
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
            ${msg('Details')} <span class="chev">${icon('chevron', 14)}</span>
          </button>
          <button
            type="button"
            class="btn small add"
            ?disabled=${this.addDisabled}
            aria-label=${msg(str`Add to room: ${item.name}`)}
            title=${this.addDisabled ? msg('The room holds at most 1 000 pieces') : msg('Add to room')}
            @click=${() => dispatchAction(this, { type: 'add', catalogId: item.id })}
          >
            ${icon('plus', 15)} ${msg('Add to room')}
          </button>
        </div>
        <div class="details" id=${detailsId} ?hidden=${!expanded}>
          <p>${item.description}</p>
          <dl>
            <div><dt>${msg('Width')}</dt><dd>${len(item.width_cm)}</dd></div>
            <div><dt>${msg('Depth')}</dt><dd>${len(item.depth_cm)}</dd></div>
            <div><dt>${msg('Height')}</dt><dd>${len(item.height_cm)}</dd></div>
            <div><dt>${msg('Category')}</dt><dd>${item.category}</dd></div>
          </dl>
        </div>
      </li>
    `;
  }

  #renderSkeleton() {
    return html`
      <p class="count">${msg('Loading the catalog…')}</p>
      <ul class="cards" aria-hidden="true">
        ${[0, 1, 2, 3, 4].map(() => html`<li class="card skeleton"><div class="thumb"></div><div class="bars"><span></span><span></span></div></li>`)}
      </ul>
    `;
  }

  #renderError(reason = this.error) {
    return html`
      <div class="error" role="alert">
        <p><strong>${msg('The catalog could not be loaded.')}</strong> ${reason}</p>
        <button
          type="button"
          class="btn small"
          @click=${() => {
            // A failed search starts again; the app reloads a failed catalog.
            if (this._results?.error) this._results = emptyResults(this.#key);
            this.dispatchEvent(new Event('planner-catalog-retry', { bubbles: true, composed: true }));
          }}
        >
          ${icon('refresh', 15)} ${msg('Try again')}
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

  static override styles = [base, catalogStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-catalog': PlannerCatalog;
  }
  interface HTMLElementEventMap {
    'planner-catalog-retry': Event;
  }
}
