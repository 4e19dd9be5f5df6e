import { html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { itemName } from '../editor/describe.ts';
import { type CatalogIndex, type Design, emptyDesign, type PlacedItem } from '../editor/design.ts';
import { footprint } from '../editor/footprint.ts';
import { formatArea, formatLength } from '../editor/units.ts';
import { computeWarnings, type ItemWarnings, isFloorCovering } from '../editor/warnings.ts';
import { openingSentence, wallName } from '../room/describe-room.ts';
import { area } from '../room/polygon.ts';
import { CATALOG_DRAG_TYPE, dispatchAction, type PlannerAction } from './actions.ts';
import { registerDropTarget } from './plan/catalog-drop.ts';
import { DragController, type Point } from './plan/drag.ts';
import { itemKeyAction, roomKeyAction, viewKey } from './plan/keys.ts';
import {
  badge,
  gridDefs,
  itemPart,
  openings,
  planHelp,
  roomHandles,
  selectionHandle,
  wallLabels,
  walls,
} from './plan/parts.ts';
import { finishDrag, loadRoomEdits, previewDrag, type Target } from './plan/preview.ts';
import { planStyles } from './plan/styles.ts';
import {
  fitBox,
  fitView,
  keepNear,
  panBy,
  pinchView,
  planPointIn,
  type View,
  viewBox,
  ZOOM_STEP,
  zoomAt,
} from './plan/view.ts';
import { base } from './styles.ts';

/**
 * The room plan: floor and walls of the room's polygon with their lengths, doors (with their
 * swing) and windows, and the placed items drawn with their catalog symbols to scale (1 SVG
 * unit = 1 cm). Items, openings, walls and corners are focusable and described for screen
 * readers; pointer and keyboard gestures become `planner-action` events, and only a finished
 * drag is reported (the preview lives here), so one drag is one undo step.
 *
 * The view zooms (wheel, pinch, + and - keys and buttons, 0 fits the room) and pans
 * (dragging empty floor, two fingers, arrow keys on the plan itself); see plan/view.ts.
 *
 * @fires planner-action - select, move, nudge, rotate, rotate-by, duplicate, delete, add (drop), room-edit
 */
@customElement('planner-canvas')
export class PlannerCanvas extends LitElement {
  /** The design to draw. */
  @property({ attribute: false }) design: Design = emptyDesign();
  /** Catalog items by id (sizes, names, symbols). */
  @property({ attribute: false }) catalog: CatalogIndex = new Map();
  /** False while the catalog loads: items are drawn as neutral boxes, not as unknown. */
  @property({ type: Boolean, attribute: 'catalog-ready' }) catalogReady = true;
  @property({ attribute: false }) selectedId: string | null = null;
  @property({ type: Boolean, attribute: 'snap-enabled' }) snapEnabled = true;
  /** Grid step in cm (drawn, and used for snapping when enabled). */
  @property({ type: Number, attribute: 'grid-step' }) gridStep = 10;
  /** Resolves a catalog item's relative `symbol_url`. */
  @property({ attribute: false }) symbolUrl: (relative: string) => string = (relative) => relative;
  @property() locale: string | undefined;

  @state() private _preview: PlacedItem | null = null;
  @state() private _roomPreview: Design['room'] | null = null;
  /** Screen pixels per cm at zoom 1 (fit to room). */
  @state() private _fitPx = 1;
  @state() private _view: View | null = null;
  @state() private _dropActive = false;
  @state() private _panning = false;
  @state() private _said = '';

  @query('svg.plan') private _svg!: SVGSVGElement;

  #resize: ResizeObserver | undefined;
  #warningsFor: Design | undefined;
  #warnings = new Map<string, ItemWarnings>();
  #unregister: (() => void) | undefined;
  #pinchView: View | undefined;
  readonly #drags = new DragController<Target>({
    preview: (t, client, e) => this.#preview(t, client, e),
    finish: (t) => this.#finish(t),
    cancel: () => this.#clearPreview(),
    pinch: (start, now) => this.#pinch(start, now),
    pinchEnd: () => {
      this.#pinchView = undefined;
    },
  });

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
    this.#say('Zoomed to fit the room.');
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
    this.#drags.cancel();
  }

  protected override firstUpdated(): void {
    if (this._svg) this.#resize?.observe(this._svg);
    // Wheel zoom needs preventDefault, so the listener cannot be passive.
    this._svg?.addEventListener('wheel', (e) => this.#onWheel(e), { passive: false });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('catalog')) this.#warningsFor = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('design')) this.#measure();
    // A drag whose item or opening disappeared (undo, host command) ends.
    const t = this.#drags.target;
    if (t && (t.kind === 'move' || t.kind === 'rotate') && !this.design.items.some((i) => i.id === t.id)) {
      this.#drags.cancel();
    }
  }

  get #room(): Design['room'] {
    return this._roomPreview ?? this.design.room;
  }

  /** The design as drawn: with a drag's preview applied. */
  get #shown(): Design {
    const preview = this._preview;
    const room = this.#room;
    if (!preview && room === this.design.room) return this.design;
    const items = preview
      ? this.design.items.map((i) => (i.id === preview.id ? preview : i))
      : this.design.items;
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

  #warningsOf(design: Design): Map<string, ItemWarnings> {
    if (this.#warningsFor !== design) {
      this.#warnings = computeWarnings(design, this.catalog);
      this.#warningsFor = design;
    }
    return this.#warnings;
  }

  override render() {
    const design = this.#shown;
    const { room } = design;
    const { width_cm: W, depth_cm: D, unit } = room;
    const fit = this.#fit;
    const view = this.#currentView;
    const vb = viewBox(view, fit);
    const px = this._fitPx * view.zoom;
    const warnings = this.#warningsOf(design);
    const shapes = design.items.map((item) => footprint(item, this.catalog));
    // Rugs first: they lie under everything else. The order is stable, so focus survives.
    const ordered = [
      ...shapes.filter((s) => isFloorCovering(s.catalogItem)),
      ...shapes.filter((s) => !isFloorCovering(s.catalogItem)),
    ];
    const names = new Map(shapes.map((s) => [s.item.id, itemName(s.catalogItem)]));
    const nameOf = (id: string) => names.get(id) ?? 'an item';
    const selected = shapes.find((s) => s.item.id === this.selectedId);
    const len = (cm: number) => formatLength(cm, unit, this.locale);
    const count = design.items.length;
    const warned = warnings.size;
    const floorArea = formatArea(area(room.corners), unit, this.locale);
    const c0 = room.corners[0]!;
    const handleLabel = (kind: 'wall' | 'corner', i: number) =>
      kind === 'wall'
        ? `${wallName(room, i, this.locale).replace(/^w/, 'W')}. Drag or use the arrow keys to move it.`
        : `Corner ${i + 1}. Drag or use the arrow keys to move it.`;

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
          aria-roledescription="room plan"
          aria-label="Room plan, ${len(W)} wide and ${len(D)} deep, ${count} ${count === 1 ? 'item' : 'items'}${
            warned ? `, ${warned} with warnings` : ''
          }"
          aria-describedby="plan-help"
          @pointerdown=${this.#onPointerDown}
          @pointermove=${(e: PointerEvent) => this.#drags.move(e)}
          @pointerup=${this.#onPointerUp}
          @pointercancel=${(e: PointerEvent) => this.#drags.cancel(e.pointerId)}
          @keydown=${this.#onPlanKeyDown}
        >
          ${gridDefs(px, this.gridStep)} ${walls(room, px)} ${wallLabels(room, px, len)}
          ${
            count === 0
              ? svg`<text class="empty-hint" x=${c0.x + W / 2} y=${c0.y + D / 2} style="font-size:${13 / px}px">Drag furniture here, or choose “Add to room”.</text>`
              : nothing
          }
          <g class="items">
            ${repeat(
              ordered,
              (s) => s.item.id,
              (s) =>
                itemPart(s, {
                  selected: s.item.id === this.selectedId,
                  warnings: warnings.get(s.item.id),
                  nameOf,
                  unit,
                  locale: this.locale,
                  catalogReady: this.catalogReady,
                  symbolUrl: this.symbolUrl,
                  onKey: (e) => this.#onItemKeyDown(e, s.item.id),
                  onFocus: () => this.#select(s.item.id),
                }),
            )}
          </g>
          ${roomHandles(room, px, handleLabel)} ${openings(room, px, null)}
          <g class="overlay" aria-hidden="true">
            ${ordered.map((s) => badge(s, warnings.get(s.item.id), px))}
            ${selected ? selectionHandle(selected, px) : nothing}
          </g>
        </svg>
      </div>
      <p class="area">Floor area ${floorArea}</p>
      <div class="zoom" role="group" aria-label="Zoom">
        <button type="button" aria-label="Zoom out" title="Zoom out (−)" @click=${() => this.#zoomKey('out')}>−</button>
        <button type="button" aria-label="Zoom in" title="Zoom in (+)" @click=${() => this.#zoomKey('in')}>+</button>
        <button type="button" title="Fit to room (0)" @click=${() => this.fitToRoom()}>Fit to room</button>
      </div>
      <p class="sr-only" role="status" aria-live="polite">${this._said}</p>
      ${planHelp}
    `;
  }

  #emit(action: PlannerAction): void {
    dispatchAction(this, action);
  }

  #say(text: string): void {
    // A trailing no-break space alternates, so the same sentence twice is read twice.
    this._said = this._said === text ? `${text}\u00a0` : text;
  }

  #select(id: string | null): void {
    if (id !== this.selectedId) this.#emit({ type: 'select', id });
  }

  #toRoom(e: { clientX: number; clientY: number }): Point | null {
    const ctm = this._svg?.getScreenCTM?.();
    if (!ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return { x: p.x, y: p.y };
  }

  get #step(): number {
    return this.snapEnabled ? this.gridStep : 1;
  }

  // ——— pointers ———

  #onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const el = (e.target as Element).closest?.('[data-drag]');
    const kind = el?.getAttribute('data-drag');
    const id = el?.getAttribute('data-id') ?? '';
    const index = Number(el?.getAttribute('data-index'));
    const grab = this.#toRoom(e);
    if (!grab) return;
    let target: Target;
    if (kind === 'move' || kind === 'rotate') {
      const origin = this.design.items.find((i) => i.id === id);
      if (!origin) return;
      target = { kind, id, origin, grab };
    } else if (kind === 'corner' || kind === 'wall') target = { kind, index, grab };
    else if (kind === 'opening') target = { kind, id };
    else target = { kind: 'pan', start: { x: e.clientX, y: e.clientY }, view: this.#currentView };
    if (target.kind === 'corner' || target.kind === 'wall' || target.kind === 'opening') void loadRoomEdits();
    // No text selection, no native image drag, no emulated mouse events after a touch.
    e.preventDefault();
    if (!this.#drags.start(e, target, kind === 'rotate')) {
      this._svg.setPointerCapture?.(e.pointerId);
      this.#clearPreview();
      return;
    }
    this._svg.setPointerCapture?.(e.pointerId);
    if (kind === 'move') {
      (el as SVGGElement).focus({ preventScroll: true });
      this.#select(id);
    } else if (kind === 'rotate') this.#select(id);
    else if (kind !== 'pan') (el as SVGElement).focus({ preventScroll: true });
  }

  #onPointerUp(e: PointerEvent): void {
    const tap = this.#drags.up(e);
    // A tap on empty floor deselects, as a click always did.
    if (tap?.tapped.kind === 'pan') this.#select(null);
  }

  #preview(t: Target, client: Point, e: PointerEvent): void {
    if (t.kind === 'pan') {
      this._panning = true;
      const px = this._fitPx * t.view.zoom;
      this._view = panBy(t.view, -(client.x - t.start.x) / px, -(client.y - t.start.y) / px, this.#fit);
      return;
    }
    const p = this.#toRoom({ clientX: client.x, clientY: client.y });
    if (!p) return;
    const next = previewDrag(t, p, {
      design: this.design,
      catalog: this.catalog,
      step: this.snapEnabled && !e.altKey ? this.gridStep : 0,
      last: { item: this._preview, room: this._roomPreview },
    });
    this._preview = next.item;
    this._roomPreview = next.room;
  }

  #finish(t: Target): void {
    const action = finishDrag(t, this.design, { item: this._preview, room: this._roomPreview });
    this.#clearPreview();
    if (action) this.#emit(action);
  }

  #clearPreview(): void {
    this._preview = null;
    this._roomPreview = null;
    this._panning = false;
  }

  #pinch(start: { distance: number; mid: Point }, now: { distance: number; mid: Point }): void {
    const rect = this._svg?.getBoundingClientRect();
    if (!rect?.width) return;
    this._panning = false;
    this.#pinchView ??= this.#currentView;
    this._view = pinchView(this.#pinchView, start, now, rect, this.#fit, this._fitPx);
  }

  #onWheel(e: WheelEvent): void {
    if (e.deltaY === 0) return;
    e.preventDefault();
    const view = this.#currentView;
    const rect = this._svg?.getBoundingClientRect();
    if (!rect?.width) return;
    const at = planPointIn(rect, viewBox(view, this.#fit), { x: e.clientX, y: e.clientY });
    // A mouse notch is ~100 px; trackpads send many small deltas.
    const factor = Math.exp(-Math.max(-100, Math.min(100, e.deltaY)) * 0.0022);
    this._view = zoomAt(view, factor, at, this.#fit);
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
    this.#say(`Zoom ${Math.round(next.zoom * 100)}%.`);
  }

  // ——— keys ———

  #onPlanKeyDown(e: KeyboardEvent): void {
    const target = e.target as Element;
    const onPlan = target === this._svg;
    if (!onPlan && this.#handleRoomKey(e, target)) return;
    const key = viewKey(e, onPlan);
    if (!key) return;
    e.preventDefault();
    if ('zoom' in key) {
      this.#zoomKey(key.zoom);
      return;
    }
    const view = this.#currentView;
    const stepCm = 40 / (this._fitPx * view.zoom);
    this._view = panBy(view, key.pan[0] * stepCm, key.pan[1] * stepCm, this.#fit);
    this.#say('Panned the plan.');
  }

  /** Keys on a wall, corner or opening (plan/keys.ts). */
  #handleRoomKey(e: KeyboardEvent, el: Element): boolean {
    const kind = el.getAttribute('data-drag');
    if (kind !== 'wall' && kind !== 'corner' && kind !== 'opening') return false;
    const id = el.getAttribute('data-id') ?? '';
    const handle = { kind, index: Number(el.getAttribute('data-index')), id } as const;
    const action = roomKeyAction(e, handle, this.design.room, this.#step);
    if (!action) return false;
    e.preventDefault();
    e.stopPropagation();
    if (action === 'describe') {
      const o = this.design.room.openings.find((x) => x.id === id);
      if (o) this.#say(openingSentence(o, this.design.room, this.locale));
      return true;
    }
    this.#emit(action);
    if (action.type === 'room-edit' && action.edit.kind === 'remove-opening') void this.focusPlan();
    return true;
  }

  #onItemKeyDown(e: KeyboardEvent, id: string): void {
    const action = itemKeyAction(e, id);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    if (action !== 'escape') this.#emit(action);
    else if (this.#drags.target) this.#drags.cancel();
    else this.#emit({ type: 'select', id: null });
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
