import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { type CatalogIndex, type Design, emptyDesign, type PlacedItem } from '../editor/design.ts';
import { formatArea, formatLength } from '../editor/units.ts';
import { area } from '../room/polygon.ts';
import { CATALOG_DRAG_TYPE, dispatchAction, type PlannerAction } from './actions.ts';
import { registerDropTarget } from './plan/catalog-drop.ts';
import type { GroupPreview } from './plan/group-gestures.ts';
import type { PlanHost, PlanInteraction } from './plan/interaction.ts';
import { ItemLayer } from './plan/item-layer.ts';
import { gridDefs, openings, wallLabels, walls } from './plan/parts.ts';
import { PlanWarnings } from './plan/plan-warnings.ts';
import { planStyles } from './plan/styles.ts';
import { fitBox, fitView, keepNear, type View, viewBox, ZOOM_STEP, zoomAt } from './plan/view.ts';
import { base } from './styles.ts';
import { loadWarnings } from './warnings-loader.ts';

type Interaction = typeof import('./deferred.ts');
// With the deferred chunk: a lazy chunk of their own makes the bundler move Lit out of the
// entry chunk into a shared one (rolldown#10731, see deferred.ts).
let interaction: Promise<Interaction> | undefined;
/** The module once loaded, for its templates (handles, help). */
let lazy: Interaction | undefined;
/** The gestures and keys (plan/interaction.ts), one lazy chunk shared by every canvas. */
const loadInteraction = () => {
  interaction ??= import('./deferred.ts').then((m) => {
    lazy = m;
    return m;
  });
  return interaction;
};

/** An event that came before the gestures loaded, with its target (lost after dispatch). */
interface Queued {
  type: 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel' | 'keydown';
  e: Event;
  target: Element;
}
/** Enough for a press, a short drag and its release, or a few keys; older moves are dropped. */
const QUEUE_MAX = 32;

/**
 * The room plan: floor and walls of the room's polygon with their lengths, doors (with their
 * swing) and windows, and the placed items drawn with their catalog symbols to scale (1 SVG
 * unit = 1 cm). Items, openings, walls and corners are focusable and described for screen
 * readers; pointer and keyboard gestures become `planner-action` events, and only a finished
 * drag is reported (the preview lives here), so one drag is one undo step.
 *
 * The drawing comes with the first paint; the gestures and keys (plan/interaction.ts) load
 * right after it. Until they are there the plan is `aria-busy` and queues what it is sent
 * (presses, moves, releases, keys), then replays it, so an early tap or key is not lost.
 *
 * The view zooms (wheel, pinch, + and - keys and buttons, 0 fits the room) and pans
 * (dragging empty floor, two fingers, arrow keys on the plan itself); see plan/view.ts.
 *
 * @fires planner-action - select, move, nudge, rotate, rotate-by, duplicate, delete, add (drop), room-edit
 */
@customElement('planner-canvas')
@localized()
export class PlannerCanvas extends LitElement {
  /** The design to draw. */
  @property({ attribute: false }) design: Design = emptyDesign();
  /** Catalog items by id (sizes, names, symbols). */
  @property({ attribute: false }) catalog: CatalogIndex = new Map();
  /** False while the catalog loads: items are drawn as neutral boxes, not as unknown. */
  @property({ type: Boolean, attribute: 'catalog-ready' }) catalogReady = true;
  @property({ attribute: false }) selectedId: string | null = null;
  /** Every selected piece when there are several (multi-select), else empty. */
  @property({ attribute: false }) group: readonly string[] = [];
  @property({ type: Boolean, attribute: 'snap-enabled' }) snapEnabled = true;
  /** Grid step in cm (drawn, and used for snapping when enabled). */
  @property({ type: Number, attribute: 'grid-step' }) gridStep = 10;
  /** Resolves a catalog item's relative `symbol_url`. */
  @property({ attribute: false }) symbolUrl: (relative: string) => string = (relative) => relative;
  @property() locale: string | undefined;

  @state() private _preview: PlacedItem | null = null;
  @state() private _roomPreview: Design['room'] | null = null;
  @state() private _groupPreview: GroupPreview | null = null;
  /** Screen pixels per cm at zoom 1 (fit to room). */
  @state() private _fitPx = 1;
  @state() private _view: View | null = null;
  @state() private _dropActive = false;
  @state() private _panning = false;
  @state() private _said = '';

  @query('svg.plan') private _svg!: SVGSVGElement;

  #resize: ResizeObserver | undefined;
  readonly #warnings = new PlanWarnings(() => this.requestUpdate());
  readonly #layer = new ItemLayer();
  #unregister: (() => void) | undefined;
  /** Set once plan/interaction.ts has loaded. */
  @state() private _gestures: PlanInteraction | undefined;
  #queue: Queued[] = [];

  /**
   * Resolves once the plan answers pointers and keys (events sent before are replayed) and
   * shows its warnings.
   */
  get interactive(): Promise<void> {
    return Promise.all([loadInteraction(), loadWarnings()]).then(() =>
      this.updateComplete.then(() => undefined),
    );
  }

  /** Moves keyboard focus to an item (after it was added, duplicated or selected elsewhere). */
  async focusItem(id: string): Promise<void> {
    await this.updateComplete;
    const el = [...this.renderRoot.querySelectorAll<SVGGElement>('g.item')].find(
      (g) => g.getAttribute('data-id') === id,
    );
    el?.focus({ preventScroll: false });
  }

  /** Focuses the plan itself (after the focused item was deleted or deselected). */
  async focusPlan(): Promise<void> {
    await this.updateComplete;
    this._svg?.focus({ preventScroll: true });
  }

  /** Shows the whole room again. */
  fitToRoom(): void {
    this._view = null;
    this.#say(msg('Zoomed to fit the room.'));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') this.#resize = new ResizeObserver(() => this.#measure());
    this.#unregister = registerDropTarget({
      contains: (x, y) => {
        const r = this._svg?.getBoundingClientRect();
        return !!r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      },
      hover: (over) => {
        this._dropActive = over;
      },
      drop: (catalogId, x, y) => this.#drop(catalogId, { clientX: x, clientY: y }),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#unregister?.();
    this._gestures?.cancel();
  }

  protected override firstUpdated(): void {
    if (this._svg) this.#resize?.observe(this._svg);
    // Wheel zoom needs preventDefault, so the listener cannot be passive.
    this._svg?.addEventListener('wheel', (e) => this._gestures?.wheel(e), { passive: false });
    void loadInteraction().then(
      (m) => this.#ready(m),
      // A failed chunk load (offline) leaves the plan drawn; the next press retries.
      () => {
        interaction = undefined;
      },
    );
  }

  #ready(m: Interaction): void {
    if (this._gestures) return;
    const host = this.#planHost();
    const gestures = new m.PlanInteraction(host);
    this._gestures = gestures;
    const queued = this.#queue;
    this.#queue = [];
    for (const { type, e, target } of queued) this.#handle(gestures, type, e, target);
  }

  #handle(g: PlanInteraction, type: Queued['type'], e: Event, target: Element): void {
    if (type === 'keydown') g.key(e as KeyboardEvent, target);
    else if (type === 'pointerdown') g.pointerDown(e as PointerEvent, target);
    else if (type === 'pointermove') g.pointerMove(e as PointerEvent);
    else if (type === 'pointerup') g.pointerUp(e as PointerEvent);
    else g.cancel((e as PointerEvent).pointerId);
  }

  /** The plan's events: handled, or queued until the gestures have loaded. */
  #on(e: Event): void {
    const type = e.type as Queued['type'];
    const target = (e.composedPath()[0] ?? e.target) as Element;
    const g = this._gestures;
    if (g) {
      this.#handle(g, type, e, target);
      return;
    }
    if (type === 'pointermove' && !this.#queue.some((q) => q.type === 'pointerdown')) return;
    if (type === 'pointerdown' && (e as PointerEvent).button === 0) {
      // As the gestures would: no text selection or emulated mouse events; keep the pointer.
      e.preventDefault();
      try {
        this._svg?.setPointerCapture?.((e as PointerEvent).pointerId);
      } catch {
        // Not an active pointer (a synthetic event): nothing to capture.
      }
    }
    this.#queue.push({ type, e, target });
    if (this.#queue.length > QUEUE_MAX) {
      const i = this.#queue.findIndex((q) => q.type === 'pointermove');
      this.#queue.splice(Math.max(i, 0), 1);
    }
    void loadInteraction().then((m) => this.#ready(m));
  }

  #planHost(): PlanHost {
    // The getters' own `this` is the host object, hence the alias.
    const canvas = this;
    return {
      get design() {
        return canvas.design;
      },
      get catalog() {
        return canvas.catalog;
      },
      get snapEnabled() {
        return canvas.snapEnabled;
      },
      get gridStep() {
        return canvas.gridStep;
      },
      get locale() {
        return canvas.locale;
      },
      get svg() {
        return canvas._svg ?? undefined;
      },
      get fit() {
        return canvas.#fit;
      },
      get fitPx() {
        return canvas._fitPx;
      },
      get currentView() {
        return canvas.#currentView;
      },
      get selectedId() {
        return canvas.selectedId;
      },
      get group() {
        return canvas.group;
      },
      get groupPreview() {
        return canvas._groupPreview;
      },
      set groupPreview(p) {
        canvas._groupPreview = p;
      },
      redraw: () => this.requestUpdate(),
      get preview() {
        return { item: canvas._preview, room: canvas._roomPreview };
      },
      set preview(p) {
        canvas._preview = p.item;
        canvas._roomPreview = p.room;
      },
      setView: (view) => {
        this._view = view;
      },
      setPanning: (on) => {
        this._panning = on;
      },
      toRoom: (e) => this.#toRoom(e),
      emit: (action) => this.#emit(action),
      say: (text) => this.#say(text),
      select: (id) => this.#select(id),
      zoomKey: (how) => this.#zoomKey(how),
      focusPlan: () => void this.focusPlan(),
    };
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('design')) this.#measure();
    // A drag whose item or opening disappeared (undo, host command) ends.
    const t = this._gestures?.dragging;
    if (t && (t.kind === 'move' || t.kind === 'rotate') && !this.design.items.some((i) => i.id === t.id)) {
      this._gestures?.cancel();
    }
  }

  get #room(): Design['room'] {
    return this._roomPreview ?? this.design.room;
  }

  /** The design as drawn: with a drag's preview applied. */
  get #shown(): Design {
    const preview = this._preview;
    const room = this.#room;
    const moved = this._groupPreview?.items;
    if (!preview && !moved && room === this.design.room) return this.design;
    const items =
      moved ??
      (preview ? this.design.items.map((i) => (i.id === preview.id ? preview : i)) : this.design.items);
    return { room, items };
  }

  get #fit() {
    return fitBox(this.design.room, this._fitPx);
  }

  get #currentView(): View {
    return this._view ?? fitView(this.#fit);
  }

  #measure(): void {
    const el = this._svg;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    if (!width || !height) return;
    const fit = this.#fit;
    const px = Math.min(width / fit.w, height / fit.h);
    if (Math.abs(px - this._fitPx) > this._fitPx * 0.005) this._fitPx = px;
  }

  override render() {
    const design = this.#shown;
    const { room } = design;
    const { width_cm: W, depth_cm: D, unit } = room;
    const fit = this.#fit;
    const view = this.#currentView;
    const vb = viewBox(view, fit);
    const px = this._fitPx * view.zoom;
    const warnings = this.#warnings.of(
      this.design,
      this.catalog,
      design === this.design
        ? null
        : {
            design,
            moved: this._groupPreview ? null : this._preview,
            key: this._groupPreview?.items ?? this._roomPreview ?? this._preview,
          },
    );
    const { shapes, ordered } = this.#layer.shapes(design.items, this.catalog);
    const nameOf = this.#layer.nameOf(this.design.items, this.catalog);
    const len = (cm: number) => formatLength(cm, unit, this.locale);
    const count = design.items.length;
    const warned = warnings.size;
    const floorArea = formatArea(area(room.corners), unit, this.locale);
    const c0 = room.corners[0]!;
    // The handles and help come with the gestures that use them.
    const parts = this._gestures ? lazy : undefined;

    return html`
      <div
        class="stage ${this._dropActive ? 'drop' : ''}"
        style="aspect-ratio: ${fit.w} / ${fit.h}"
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
      >
        <svg
          class="plan ${this._panning ? 'panning' : ''}"
          viewBox="${vb.x} ${vb.y} ${vb.w} ${vb.h}"
          tabindex="-1"
          role="group"
          aria-roledescription=${msg('room plan')}
          aria-label=${
            (count === 1
              ? msg(str`Room plan, ${len(W)} wide and ${len(D)} deep, 1 item`)
              : msg(str`Room plan, ${len(W)} wide and ${len(D)} deep, ${count} items`)) +
            (warned ? msg(str`, ${warned} with warnings`) : '')
          }
          aria-describedby="plan-help"
          aria-busy=${this._gestures ? 'false' : 'true'}
          @pointerdown=${this.#on}
          @pointermove=${this.#on}
          @pointerup=${this.#on}
          @pointercancel=${this.#on}
          @keydown=${this.#on}
        >
          ${gridDefs(px, this.gridStep)} ${walls(room, px)} ${wallLabels(room, px, len)}
          ${
            count === 0
              ? svg`<text class="empty-hint" x=${c0.x + W / 2} y=${c0.y + D / 2} style="font-size:${13 / px}px">${msg('Drag furniture here, or choose “Add to room”.')}</text>`
              : nothing
          }
          <g class="items">
            ${repeat(
              this.#layer.parts(ordered, nameOf, {
                catalog: this.catalog,
                selectedId: this.selectedId,
                group: this.group,
                warnings,
                unit,
                locale: this.locale,
                catalogReady: this.catalogReady,
                symbolUrl: this.symbolUrl,
                paint: parts?.variantPaint,
                px,
                onKey: this.#onItemKey,
                onFocus: this.#onItemFocus,
              }),
              (_, i) => ordered[i]!.item.id,
              (part) => part,
            )}
          </g>
          ${parts ? parts.roomHandles(room, px, this.locale) : nothing} ${openings(room, px, null)}
          <g class="overlay" aria-hidden="true">
            ${this.#layer.badges(ordered, warnings, px)}
            ${parts?.selectionLayer(shapes, this.selectedId, this.group, this._groupPreview, px) ?? nothing}
          </g>
        </svg>
      </div>
      <p class="area">${msg(str`Floor area ${floorArea}`)}</p>
      <div class="zoom" role="group" aria-label=${msg('Zoom')}>
        <button type="button" aria-label=${msg('Zoom out')} title=${`${msg('Zoom out')} (−)`} @click=${() => this.#zoomKey('out')}>−</button>
        <button type="button" aria-label=${msg('Zoom in')} title=${`${msg('Zoom in')} (+)`} @click=${() => this.#zoomKey('in')}>+</button>
        <button type="button" title=${`${msg('Fit to room')} (0)`} @click=${() => this.fitToRoom()}>${msg('Fit to room')}</button>
      </div>
      ${this._gestures ? lazy?.selectionBar(this._gestures.groups) : nothing}
      <p class="sr-only" role="status" aria-live="polite">${this._said}</p>
      ${parts?.planHelp ?? nothing}
    `;
  }

  // Before the gestures load, the plan's own listener queues the key.
  readonly #onItemKey = (e: KeyboardEvent, id: string) => this._gestures?.itemKey(e, id);
  // Tab through a selection of several keeps it (Space selects one, Shift+Space toggles).
  readonly #onItemFocus = (id: string) => this.group.length || this.#select(id);

  #emit(action: PlannerAction): void {
    dispatchAction(this, action);
  }

  #say(text: string): void {
    // A trailing no-break space alternates, so the same sentence twice is read twice.
    this._said = this._said === text ? `${text}\u00a0` : text;
  }

  #select(id: string | null): void {
    if (id !== this.selectedId || this.group.length) this.#emit({ type: 'select', id });
  }

  #toRoom(e: { clientX: number; clientY: number }): { x: number; y: number } | null {
    const ctm = this._svg?.getScreenCTM?.();
    if (!ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return { x: p.x, y: p.y };
  }

  #zoomKey(how: 'in' | 'out' | 'fit'): void {
    if (how === 'fit') {
      this.fitToRoom();
      return;
    }
    const view = this.#currentView;
    const next = zoomAt(
      view,
      how === 'in' ? ZOOM_STEP : 1 / ZOOM_STEP,
      { x: view.cx, y: view.cy },
      this.#fit,
    );
    this._view = next;
    this.#say(msg(str`Zoom ${Math.round(next.zoom * 100)}%.`));
  }

  // ——— catalog drops ———

  #drop(catalogId: string, at: { clientX: number; clientY: number }): void {
    this._dropActive = false;
    const p = this.#toRoom(at);
    this.#emit(
      p ? { type: 'add', catalogId, at: keepNear(this.design.room, p.x, p.y) } : { type: 'add', catalogId },
    );
  }

  #onDragOver(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes(CATALOG_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this._dropActive = true;
  }

  #onDragLeave(e: DragEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to && this.renderRoot.contains(to)) return;
    this._dropActive = false;
  }

  #onDrop(e: DragEvent): void {
    this._dropActive = false;
    const catalogId = e.dataTransfer?.getData(CATALOG_DRAG_TYPE);
    if (!catalogId) return;
    e.preventDefault();
    this.#drop(catalogId, e);
  }

  static override styles = [base, planStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-canvas': PlannerCanvas;
  }
}
