import { css, html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { describeItem, itemName } from '../editor/describe.ts';
import {
  type CatalogIndex,
  type Design,
  emptyDesign,
  normalizeRotation,
  type PlacedItem,
} from '../editor/design.ts';
import { type Footprint, footprint } from '../editor/footprint.ts';
import { snapAngle, snapItemCentre } from '../editor/snap.ts';
import { formatLength } from '../editor/units.ts';
import { computeWarnings, type ItemWarnings, isFloorCovering } from '../editor/warnings.ts';
import { CATALOG_DRAG_TYPE, dispatchAction, type PlannerAction } from './actions.ts';
import { base } from './styles.ts';

/** Pixels a pointer must travel before a press becomes a drag (so a click only selects). */
const DRAG_THRESHOLD_PX = 3;

interface Drag {
  kind: 'move' | 'rotate';
  id: string;
  pointerId: number;
  startClient: { x: number; y: number };
  grab: { x: number; y: number };
  origin: PlacedItem;
  moved: boolean;
}

/**
 * The room plan: floor, grid, walls with their lengths, and the placed items drawn with their
 * catalog symbols to scale (1 SVG unit = 1 cm). Every item is focusable and described for
 * screen readers; pointer and keyboard gestures become `planner-action` events, and only a
 * finished drag is reported (the preview lives here), so one drag is one undo step.
 *
 * Keyboard, on a focused item: arrows move (Shift: ×10), R / Shift+R rotate 90°, [ and ]
 * rotate 15° (Shift: 1°), Ctrl/Cmd+D duplicates, Delete/Backspace removes, Escape deselects.
 *
 * @fires planner-action - select, move, nudge, rotate, rotate-by, duplicate, delete, add (drop)
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
  @state() private _pxPerCm = 1;
  @state() private _dropActive = false;

  @query('svg.plan') private _svg!: SVGSVGElement;

  #drag: Drag | undefined;
  #resize: ResizeObserver | undefined;
  #warningsFor: Design | undefined;
  #warnings = new Map<string, ItemWarnings>();

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

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver(() => this.#measure());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#drag = undefined;
  }

  protected override firstUpdated(): void {
    if (this._svg) this.#resize?.observe(this._svg);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('design') || changed.has('_pxPerCm')) this.#measure();
    // A drag whose item disappeared (undo, host command) ends.
    if (this.#drag && !this.design.items.some((i) => i.id === this.#drag?.id)) {
      this.#drag = undefined;
      this._preview = null;
    }
  }

  /** The items as drawn: the design with a drag preview applied. */
  get #shown(): Design {
    const preview = this._preview;
    if (!preview) return this.design;
    return { ...this.design, items: this.design.items.map((i) => (i.id === preview.id ? preview : i)) };
  }

  #viewBox(): { x: number; y: number; w: number; h: number } {
    const { width_cm: W, depth_cm: D } = this.design.room;
    // Room for the walls and the dimension labels, which are sized in screen pixels: the
    // padding follows the last measured scale (a re-measure converges in a step or two).
    const px = this._pxPerCm;
    const pad = Math.max(36, Math.max(W, D) * 0.085, 52 / px);
    const far = Math.max(pad * 0.45, 22 / px);
    let minX = -pad;
    let minY = -pad;
    let maxX = W + far;
    let maxY = D + far;
    for (const item of this.design.items) {
      const { box } = footprint(item, this.catalog);
      minX = Math.min(minX, box.minX - 10);
      minY = Math.min(minY, box.minY - 10);
      maxX = Math.max(maxX, box.maxX + 10);
      maxY = Math.max(maxY, box.maxY + 10);
    }
    return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
  }

  #measure(): void {
    const el = this._svg;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    if (!width || !height) return;
    const vb = this.#viewBox();
    const px = Math.min(width / vb.w, height / vb.h);
    if (Math.abs(px - this._pxPerCm) > this._pxPerCm * 0.005) this._pxPerCm = px;
  }

  #warningsOf(design: Design): Map<string, ItemWarnings> {
    if (this.#warningsFor !== design) {
      this.#warnings = computeWarnings(design, this.catalog);
      this.#warningsFor = design;
    }
    return this.#warnings;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('catalog')) this.#warningsFor = undefined;
  }

  override render() {
    const design = this.#shown;
    const { width_cm: W, depth_cm: D, unit } = design.room;
    const vb = this.#viewBox();
    const px = this._pxPerCm;
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

    return html`
      <div
        class="stage ${this._dropActive ? 'drop' : ''}"
        style="aspect-ratio: ${vb.w} / ${vb.h}"
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
      >
        <svg
          class="plan"
          viewBox="${vb.x} ${vb.y} ${vb.w} ${vb.h}"
          tabindex="-1"
          role="group"
          aria-roledescription="room plan"
          aria-label="Room plan, ${len(W)} wide and ${len(D)} deep, ${count} ${count === 1 ? 'item' : 'items'}${
            warned ? `, ${warned} with warnings` : ''
          }"
          @pointermove=${this.#onPointerMove}
          @pointerup=${this.#onPointerUp}
          @pointercancel=${this.#onPointerCancel}
          @lostpointercapture=${this.#onPointerCancel}
        >
          ${this.#renderDefs(px)}
          <rect
            class="floor"
            x="0"
            y="0"
            width=${W}
            height=${D}
            fill="url(#grid)"
            @pointerdown=${this.#onFloorPointerDown}
          ></rect>
          ${this.#renderWalls(W, D, px)}
          ${this.#renderDimensions(W, D, px, len)}
          ${
            count === 0
              ? svg`<text class="empty-hint" x=${W / 2} y=${D / 2} style="font-size:${13 / px}px">Drag furniture here, or choose “Add to room”.</text>`
              : nothing
          }
          <g class="items">
            ${repeat(
              ordered,
              (s) => s.item.id,
              (s) => this.#renderItem(s, warnings.get(s.item.id), nameOf, unit),
            )}
          </g>
          <g class="overlay" aria-hidden="true">
            ${ordered.map((s) => this.#renderBadge(s, warnings.get(s.item.id), px))}
            ${selected ? this.#renderSelection(selected, px) : nothing}
          </g>
        </svg>
      </div>
      <p id="help" class="sr-only">
        Arrow keys move the item (with Shift, ten times further). R rotates by 90 degrees, Shift+R back. The
        bracket keys rotate by 15 degrees, with Shift by 1 degree. Control+D duplicates, Delete removes, Escape
        deselects.
      </p>
    `;
  }

  #renderDefs(px: number) {
    // Minor lines at the snapping step (or coarser when they would crowd), major lines every metre.
    const minor = [this.gridStep, 10, 25, 50, 100].find((s) => s * px >= 7) ?? 100;
    const hair = 1 / px;
    return svg`
      <defs>
        <pattern id="grid" x="0" y="0" width="100" height="100" patternUnits="userSpaceOnUse">
          <rect width="100" height="100" fill="#fff"></rect>
          ${
            minor < 100
              ? svg`<path d=${gridPath(minor)} fill="none" stroke="#eef0f3" stroke-width=${hair}></path>`
              : nothing
          }
          <path d="M 100 0 L 0 0 0 100" fill="none" stroke="#dde1e6" stroke-width=${hair * 1.2}></path>
        </pattern>
      </defs>
    `;
  }

  #renderWalls(W: number, D: number, px: number) {
    // Drawn outside the floor, so the floor keeps its full size: 10 cm, but 4 to 12 px on screen.
    const t = wallThickness(px);
    return svg`<rect class="wall" x=${-t / 2} y=${-t / 2} width=${W + t} height=${D + t} stroke-width=${t}></rect>`;
  }

  #renderDimensions(W: number, D: number, px: number, len: (cm: number) => string) {
    const font = 12 / px;
    const tick = 5 / px;
    const y = -wallThickness(px) - 14 / px;
    const x = y;
    return svg`
      <g class="dims" aria-hidden="true" style="font-size:${font}px">
        <path d="M0 ${y - tick} v${tick * 2} M0 ${y} H${W} M${W} ${y - tick} v${tick * 2}"></path>
        <text class="dim-label" x=${W / 2} y=${y} dy="-0.5em">${len(W)}</text>
        <path d="M${x - tick} 0 h${tick * 2} M${x} 0 V${D} M${x - tick} ${D} h${tick * 2}"></path>
        <text class="dim-label" x=${x} y=${D / 2} dy="-0.5em" transform="rotate(-90 ${x} ${D / 2})">${len(D)}</text>
      </g>
    `;
  }

  #renderItem(
    s: Footprint,
    warnings: ItemWarnings | undefined,
    nameOf: (id: string) => string,
    unit: Design['room']['unit'],
  ) {
    const { item, catalogItem, width: w, depth: d } = s;
    const selected = item.id === this.selectedId;
    const known = catalogItem !== undefined;
    const label = describeItem({
      item,
      catalogItem,
      box: s.box,
      warnings,
      nameOf,
      unit,
      locale: this.locale,
    });
    const state = known ? '' : this.catalogReady ? ' unknown' : ' pending';
    const cls = `item${selected ? ' selected' : ''}${warnings ? ' warn' : ''}${state}`;
    return svg`
      <g
        class=${cls}
        data-id=${item.id}
        transform="translate(${item.x} ${item.y}) rotate(${item.rotation})"
        tabindex="0"
        role="button"
        aria-roledescription="furniture"
        aria-label=${selected ? `${label} Selected.` : label}
        aria-describedby="help"
        @pointerdown=${(e: PointerEvent) => this.#onItemPointerDown(e, item.id, 'move')}
        @keydown=${(e: KeyboardEvent) => this.#onItemKeyDown(e, item.id)}
        @focus=${() => this.#select(item.id)}
      >
        <rect class="footprint" x=${-w / 2} y=${-d / 2} width=${w} height=${d}></rect>
        ${
          known
            ? svg`<image href=${this.symbolUrl(catalogItem.symbol_url)} x=${-w / 2} y=${-d / 2} width=${w} height=${d} preserveAspectRatio="none" decoding="async"></image>`
            : nothing
        }
        <rect class="tint" x=${-w / 2} y=${-d / 2} width=${w} height=${d}></rect>
        <rect class="ring" x=${-w / 2} y=${-d / 2} width=${w} height=${d}></rect>
      </g>
    `;
  }

  #renderBadge(s: Footprint, warnings: ItemWarnings | undefined, px: number) {
    if (!warnings) return nothing;
    const r = 8 / px;
    const cx = s.box.maxX;
    const cy = s.box.minY;
    return svg`
      <g class="badge" transform="translate(${cx} ${cy})">
        <circle r=${r}></circle>
        <text y=${r * 0.38} style="font-size:${r * 1.35}px">!</text>
      </g>
    `;
  }

  #renderSelection(s: Footprint, px: number) {
    const { item, depth: d } = s;
    const stem = 26 / px;
    const knob = 7 / px;
    const top = -d / 2;
    return svg`
      <g class="selection" transform="translate(${item.x} ${item.y}) rotate(${item.rotation})">
        <line x1="0" y1=${top} x2="0" y2=${top - stem}></line>
        <circle
          class="handle"
          cx="0"
          cy=${top - stem}
          r=${knob}
          @pointerdown=${(e: PointerEvent) => this.#onItemPointerDown(e, item.id, 'rotate')}
        ><title>Drag to rotate</title></circle>
      </g>
    `;
  }

  #emit(action: PlannerAction): void {
    dispatchAction(this, action);
  }

  #select(id: string | null): void {
    if (id !== this.selectedId) this.#emit({ type: 'select', id });
  }

  #onItemKeyDown(e: KeyboardEvent, id: string): void {
    const mod = e.ctrlKey || e.metaKey;
    const nudge = (dx: -1 | 0 | 1, dy: -1 | 0 | 1) =>
      this.#emit({ type: 'nudge', id, dx, dy, large: e.shiftKey });
    let handled = true;
    switch (e.key) {
      case 'ArrowLeft':
        nudge(-1, 0);
        break;
      case 'ArrowRight':
        nudge(1, 0);
        break;
      case 'ArrowUp':
        nudge(0, -1);
        break;
      case 'ArrowDown':
        nudge(0, 1);
        break;
      case 'Delete':
      case 'Backspace':
        this.#emit({ type: 'delete', id });
        break;
      case 'Escape':
        if (this.#drag) this.#cancelDrag();
        else this.#emit({ type: 'select', id: null });
        break;
      case 'Enter':
      case ' ':
        this.#emit({ type: 'select', id });
        break;
      default:
        handled = false;
    }
    if (!handled && !mod && !e.altKey && (e.key === 'r' || e.key === 'R')) {
      this.#emit({ type: 'rotate-by', id, degrees: e.shiftKey ? -90 : 90 });
      handled = true;
    }
    if (
      !handled &&
      !mod &&
      (e.code === 'BracketLeft' || e.code === 'BracketRight' || '[]{}'.includes(e.key))
    ) {
      const sign = e.code === 'BracketLeft' || e.key === '[' || e.key === '{' ? -1 : 1;
      this.#emit({ type: 'rotate-by', id, degrees: sign * (e.shiftKey ? 1 : 15) });
      handled = true;
    }
    if (!handled && mod && !e.altKey && (e.key === 'd' || e.key === 'D')) {
      this.#emit({ type: 'duplicate', id });
      handled = true;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  #toRoom(e: { clientX: number; clientY: number }): { x: number; y: number } | null {
    const ctm = this._svg?.getScreenCTM?.();
    if (!ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return { x: p.x, y: p.y };
  }

  #onFloorPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.#select(null);
  }

  #onItemPointerDown(e: PointerEvent, id: string, kind: Drag['kind']): void {
    if (e.button !== 0 || this.#drag) return;
    const origin = this.design.items.find((i) => i.id === id);
    const grab = this.#toRoom(e);
    if (!origin || !grab) return;
    // No text selection, no native image drag; focus (and so selection) is set by hand.
    e.preventDefault();
    e.stopPropagation();
    if (kind === 'move') {
      const el = (e.currentTarget as SVGGElement | null) ?? undefined;
      el?.focus({ preventScroll: true });
    }
    this.#select(id);
    this.#drag = {
      kind,
      id,
      pointerId: e.pointerId,
      startClient: { x: e.clientX, y: e.clientY },
      grab,
      origin,
      moved: kind === 'rotate',
    };
    this._svg.setPointerCapture?.(e.pointerId);
  }

  #onPointerMove(e: PointerEvent): void {
    const drag = this.#drag;
    if (!drag || e.pointerId !== drag.pointerId) return;
    if (!drag.moved) {
      const dist = Math.hypot(e.clientX - drag.startClient.x, e.clientY - drag.startClient.y);
      if (dist < DRAG_THRESHOLD_PX) return;
      drag.moved = true;
    }
    const p = this.#toRoom(e);
    if (!p) return;
    const { origin } = drag;
    const snapping = this.snapEnabled && !e.altKey;
    if (drag.kind === 'rotate') {
      const angle = (Math.atan2(p.x - origin.x, -(p.y - origin.y)) * 180) / Math.PI;
      const rotation = normalizeRotation(snapping ? snapAngle(angle, 15) : Math.round(angle));
      this._preview = { ...origin, rotation };
      return;
    }
    const { width_cm: W, depth_cm: D } = this.design.room;
    // The centre stays on the floor, so an item can stick out of the room (flagged) but never get lost.
    let x = Math.min(W, Math.max(0, origin.x + p.x - drag.grab.x));
    let y = Math.min(D, Math.max(0, origin.y + p.y - drag.grab.y));
    if (snapping) {
      const c = this.catalog.get(origin.catalog_id);
      ({ x, y } = snapItemCentre(x, y, c?.width_cm ?? 50, c?.depth_cm ?? 50, origin.rotation, this.gridStep));
    } else {
      x = Math.round(x * 10) / 10;
      y = Math.round(y * 10) / 10;
    }
    this._preview = { ...origin, x, y };
  }

  #onPointerUp(e: PointerEvent): void {
    const drag = this.#drag;
    if (!drag || e.pointerId !== drag.pointerId) return;
    const preview = this._preview;
    this.#drag = undefined;
    this._preview = null;
    if (!drag.moved || !preview) return;
    if (drag.kind === 'rotate') {
      if (preview.rotation !== drag.origin.rotation) {
        this.#emit({ type: 'rotate', id: drag.id, rotation: preview.rotation });
      }
    } else if (preview.x !== drag.origin.x || preview.y !== drag.origin.y) {
      this.#emit({ type: 'move', id: drag.id, x: preview.x, y: preview.y });
    }
  }

  #onPointerCancel(e: PointerEvent): void {
    if (this.#drag && e.pointerId === this.#drag.pointerId && e.type === 'pointercancel') this.#cancelDrag();
  }

  #cancelDrag(): void {
    this.#drag = undefined;
    this._preview = null;
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
    const at = this.#toRoom(e);
    this.#emit(at ? { type: 'add', catalogId, at } : { type: 'add', catalogId });
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
        position: relative;
      }
      .stage {
        width: 100%;
        min-height: 240px;
        max-height: 620px;
        border-radius: var(--pl-radius);
        background:
          radial-gradient(circle at 1px 1px, rgb(27 33 39 / 7%) 1px, transparent 0) 0 0 / 16px 16px,
          var(--pl-surface-2);
        border: 1px solid var(--pl-border);
        transition:
          box-shadow 120ms,
          border-color 120ms;
      }
      .stage.drop {
        border-color: var(--pl-accent);
        box-shadow: inset 0 0 0 2px var(--pl-accent-soft);
      }
      svg.plan {
        display: block;
        width: 100%;
        height: 100%;
        user-select: none;
        -webkit-user-select: none;
        overflow: visible;
      }
      svg.plan:focus {
        outline: none;
      }
      .floor {
        cursor: default;
      }
      .wall {
        fill: none;
        stroke: #39424c;
        stroke-linejoin: miter;
        pointer-events: none;
      }
      .dims path {
        stroke: var(--pl-faint);
        stroke-width: 1px;
        vector-effect: non-scaling-stroke;
        fill: none;
      }
      .dim-label {
        fill: var(--pl-muted);
        font-weight: 600;
        text-anchor: middle;
        font-variant-numeric: tabular-nums;
      }
      .empty-hint {
        fill: var(--pl-faint);
        text-anchor: middle;
        dominant-baseline: middle;
        pointer-events: none;
      }
      .item {
        cursor: grab;
        touch-action: none;
        outline: none;
      }
      .item:active {
        cursor: grabbing;
      }
      /* The hit area; invisible under a symbol (round pieces have no box). */
      .footprint {
        fill: transparent;
        stroke: none;
      }
      .item.unknown .footprint,
      .item.pending .footprint {
        fill: var(--pl-sunken);
        stroke: var(--pl-faint);
        stroke-width: 1px;
        stroke-dasharray: 4 3;
        vector-effect: non-scaling-stroke;
      }
      .tint {
        fill: transparent;
        stroke: none;
      }
      .ring {
        fill: none;
        stroke: transparent;
        stroke-width: 2px;
        vector-effect: non-scaling-stroke;
        pointer-events: none;
      }
      .item:hover .ring {
        stroke: rgb(15 118 110 / 45%);
      }
      .item.warn .ring {
        stroke: var(--pl-warn);
        stroke-dasharray: 5 3;
      }
      .item.warn .tint {
        fill: rgb(180 83 9 / 10%);
      }
      .item.selected .ring {
        stroke: var(--pl-accent);
        stroke-dasharray: none;
        stroke-width: 2px;
      }
      .item.selected .tint {
        fill: rgb(15 118 110 / 10%);
      }
      .item:focus-visible .ring {
        stroke: var(--pl-accent);
        stroke-width: 3px;
        stroke-dasharray: none;
        filter: drop-shadow(0 0 1.5px #fff);
      }
      .overlay {
        pointer-events: none;
      }
      .selection line {
        stroke: var(--pl-accent);
        stroke-width: 1.5px;
        vector-effect: non-scaling-stroke;
      }
      .handle {
        fill: #fff;
        stroke: var(--pl-accent);
        stroke-width: 2px;
        vector-effect: non-scaling-stroke;
        pointer-events: all;
        cursor: grab;
        touch-action: none;
      }
      .badge circle {
        fill: var(--pl-warn);
        stroke: #fff;
        stroke-width: 1.5px;
        vector-effect: non-scaling-stroke;
      }
      .badge text {
        fill: #fff;
        font-weight: 700;
        text-anchor: middle;
      }
    `,
  ];
}

function wallThickness(pxPerCm: number): number {
  return Math.min(Math.max(10, 4 / pxPerCm), 12 / pxPerCm);
}

function gridPath(step: number): string {
  let d = '';
  for (let v = step; v < 100; v += step) d += `M${v} 0V100M0 ${v}H100`;
  return d;
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-canvas': PlannerCanvas;
  }
}
