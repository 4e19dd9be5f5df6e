import { msg } from '@lit/localize';
import type { CatalogIndex, Design, PlacedItem } from '../../editor/design.ts';
import { openingSentence } from '../../room/describe-room.ts';
import type { PlannerAction } from '../actions.ts';
import { DragController, type Point } from './drag.ts';
import { GroupGestures, type GroupPreview, type GroupTarget } from './group-gestures.ts';
import { itemKeyAction, roomKeyAction, viewKey } from './keys.ts';
import { finishDrag, loadRoomEdits, previewDrag, type Target } from './preview.ts';

export { selectionBar, selectionLayer } from './group-parts.ts';
export { planHelp, roomHandles, selectionHandle } from './handles.ts';

import { panBy, pinchView, planPointIn, type View, type ViewBox, viewBox, zoomAt } from './view.ts';

/**
 * What `planner-canvas` needs only once someone touches the plan: pointer drags with their
 * preview, pinch and wheel zoom, the plan's keys, and the handles and help they go with
 * (handles.ts). A lazy chunk of its own, loaded right after the first paint; the canvas
 * queues the events that arrive before it. No Lit decorators in it: they would make the
 * bundler move Lit out of the entry chunk into a shared one (see deferred.ts); Lit's
 * templates are fine (checked in the build).
 */
export interface PlanHost {
  readonly design: Design;
  readonly catalog: CatalogIndex;
  readonly snapEnabled: boolean;
  readonly gridStep: number;
  readonly locale: string | undefined;
  readonly svg: SVGSVGElement | undefined;
  readonly fit: ViewBox;
  readonly fitPx: number;
  readonly currentView: View;
  /** The primary selected piece, and every selected one when there are several. */
  readonly selectedId: string | null;
  readonly group: readonly string[];
  preview: { item: PlacedItem | null; room: Design['room'] | null };
  /** A group drag or marquee under way (group-gestures.ts). */
  groupPreview: GroupPreview | null;
  /** Draws again (select mode changed). */
  redraw(): void;
  setView(view: View): void;
  setPanning(on: boolean): void;
  toRoom(e: { clientX: number; clientY: number }): Point | null;
  emit(action: PlannerAction): void;
  say(text: string): void;
  select(id: string | null): void;
  zoomKey(how: 'in' | 'out' | 'fit'): void;
  focusPlan(): void;
}

type PlanTarget = Target | GroupTarget;
const isGroup = (t: PlanTarget): t is GroupTarget => t.kind === 'group' || t.kind === 'marquee';

export class PlanInteraction {
  readonly #host: PlanHost;
  #pinchView: View | undefined;
  readonly #drags: DragController<PlanTarget>;
  /** Multi-select: the selection's drags, keys and bar. */
  readonly groups: GroupGestures;

  constructor(host: PlanHost) {
    this.#host = host;
    this.groups = new GroupGestures(host);
    this.#drags = new DragController<PlanTarget>({
      preview: (t, client, e) => this.#preview(t, client, e),
      finish: (t) => this.#finish(t),
      cancel: () => this.#clearPreview(),
      pinch: (start, now) => this.#pinch(start, now),
      pinchEnd: () => {
        this.#pinchView = undefined;
      },
    });
  }

  get dragging(): PlanTarget | undefined {
    return this.#drags.target;
  }

  cancel(pointerId?: number): void {
    this.#drags.cancel(pointerId);
  }

  /** `target` is passed apart: an event replayed after dispatch has lost it (shadow DOM). */
  pointerDown(e: PointerEvent, target: Element): void {
    const h = this.#host;
    if (e.button !== 0) return;
    const el = target.closest?.('[data-drag]');
    const kind = el?.getAttribute('data-drag');
    const id = el?.getAttribute('data-id') ?? '';
    const index = Number(el?.getAttribute('data-index'));
    const grab = h.toRoom(e);
    if (!grab) return;
    // Shift+click or select mode, or a piece of the selection: see group-gestures.ts.
    const t = this.groups.press(e, kind, id, grab) ?? this.#target(e, kind, id, index, grab);
    if (!t) return;
    if (t.kind === 'corner' || t.kind === 'wall' || t.kind === 'opening') void loadRoomEdits();
    // No text selection, no native image drag, no emulated mouse events after a touch.
    e.preventDefault();
    const started = this.#drags.start(e, t, kind === 'rotate');
    capture(h.svg, e.pointerId);
    if (!started) {
      this.#clearPreview();
      return;
    }
    // A toggle or marquee leaves focus and selection to their end; a group drag keeps the selection.
    if (t.kind === 'group') (el as SVGGElement).focus({ preventScroll: true });
    else if (t.kind === 'move') {
      (el as SVGGElement).focus({ preventScroll: true });
      h.select(id);
    } else if (t.kind === 'rotate') h.select(id);
    else if (t.kind !== 'pan' && t.kind !== 'marquee') (el as SVGElement).focus({ preventScroll: true });
  }

  /** What a press on one thing grabbed (or the floor: the view); null when its piece is gone. */
  #target(
    e: PointerEvent,
    kind: string | null | undefined,
    id: string,
    index: number,
    grab: Point,
  ): Target | null {
    if (kind === 'move' || kind === 'rotate') {
      const origin = this.#host.design.items.find((i) => i.id === id);
      return origin ? { kind, id, origin, grab } : null;
    }
    if (kind === 'corner' || kind === 'wall') return { kind, index, grab };
    if (kind === 'opening') return { kind, id };
    return { kind: 'pan', start: { x: e.clientX, y: e.clientY }, view: this.#host.currentView };
  }

  pointerMove(e: PointerEvent): void {
    this.#drags.move(e);
  }

  pointerUp(e: PointerEvent): void {
    const t = this.#drags.up(e)?.tapped;
    // A tap on empty floor deselects, as a click always did.
    if (t?.kind === 'pan') this.#host.select(null);
    else if (t && isGroup(t)) this.groups.tap(t);
  }

  wheel(e: WheelEvent): void {
    if (e.deltaY === 0) return;
    e.preventDefault();
    const h = this.#host;
    const view = h.currentView;
    const rect = h.svg?.getBoundingClientRect();
    if (!rect?.width) return;
    const at = planPointIn(rect, viewBox(view, h.fit), { x: e.clientX, y: e.clientY });
    // A mouse notch is ~100 px; trackpads send many small deltas.
    const factor = Math.exp(-Math.max(-100, Math.min(100, e.deltaY)) * 0.0022);
    h.setView(zoomAt(view, factor, at, h.fit));
  }

  /** A key on the plan or on something in it (an item, a wall, a corner, an opening). */
  key(e: KeyboardEvent, target: Element): void {
    const itemId = target.matches?.('g.item') ? target.getAttribute('data-id') : null;
    // An item's own keys first; the others (zoom) work on it as on the plan.
    if (itemId !== null && this.itemKey(e, itemId)) return;
    const h = this.#host;
    const onPlan = target === h.svg;
    // On the plan itself the selection's keys come before panning with the arrows.
    if (onPlan && this.groups.key(e, null, () => this.#cancelDrag())) return;
    if (!onPlan && this.#roomKey(e, target)) return;
    const key = viewKey(e, onPlan);
    if (!key) return;
    e.preventDefault();
    if ('zoom' in key) {
      h.zoomKey(key.zoom);
      return;
    }
    const view = h.currentView;
    const stepCm = 40 / (h.fitPx * view.zoom);
    h.setView(panBy(view, key.pan[0] * stepCm, key.pan[1] * stepCm, h.fit));
    h.say(msg('Panned the plan.'));
  }

  itemKey(e: KeyboardEvent, id: string): boolean {
    if (this.groups.key(e, id, () => this.#cancelDrag())) return true;
    const action = itemKeyAction(e, id);
    if (!action) return false;
    e.preventDefault();
    e.stopPropagation();
    if (action !== 'escape') this.#host.emit(action);
    else if (this.#drags.target) this.#drags.cancel();
    else this.#host.emit({ type: 'select', id: null });
    return true;
  }

  /** Escape during a drag drops it; false when there was none. */
  #cancelDrag(): boolean {
    if (!this.#drags.target) return false;
    this.#drags.cancel();
    return true;
  }

  /** Keys on a wall, corner or opening (plan/keys.ts). */
  #roomKey(e: KeyboardEvent, el: Element): boolean {
    const h = this.#host;
    const kind = el.getAttribute('data-drag');
    if (kind !== 'wall' && kind !== 'corner' && kind !== 'opening') return false;
    const id = el.getAttribute('data-id') ?? '';
    const handle = { kind, index: Number(el.getAttribute('data-index')), id } as const;
    const action = roomKeyAction(e, handle, h.design.room, h.snapEnabled ? h.gridStep : 1);
    if (!action) return false;
    e.preventDefault();
    e.stopPropagation();
    if (action === 'describe') {
      const o = h.design.room.openings.find((x) => x.id === id);
      if (o) h.say(openingSentence(o, h.design.room, h.locale));
      return true;
    }
    h.emit(action);
    if (action.type === 'room-edit' && action.edit.kind === 'remove-opening') h.focusPlan();
    return true;
  }

  #preview(t: PlanTarget, client: Point, e: PointerEvent): void {
    const h = this.#host;
    const step = h.snapEnabled && !e.altKey ? h.gridStep : 0;
    if (t.kind === 'pan') {
      h.setPanning(true);
      const px = h.fitPx * t.view.zoom;
      h.setView(panBy(t.view, -(client.x - t.start.x) / px, -(client.y - t.start.y) / px, h.fit));
      return;
    }
    const p = h.toRoom({ clientX: client.x, clientY: client.y });
    if (!p) return;
    if (isGroup(t)) {
      h.groupPreview = this.groups.preview(t, p, step);
      return;
    }
    h.preview = previewDrag(t, p, { design: h.design, catalog: h.catalog, step, last: h.preview });
  }

  #finish(t: PlanTarget): void {
    if (isGroup(t)) {
      const last = this.#host.groupPreview;
      this.#clearPreview();
      this.groups.finish(t, last);
      return;
    }
    const action = finishDrag(t, this.#host.design, this.#host.preview);
    this.#clearPreview();
    if (action) this.#host.emit(action);
  }

  #clearPreview(): void {
    this.#host.preview = { item: null, room: null };
    this.#host.groupPreview = null;
    this.#host.setPanning(false);
  }

  #pinch(start: { distance: number; mid: Point }, now: { distance: number; mid: Point }): void {
    const h = this.#host;
    const rect = h.svg?.getBoundingClientRect();
    if (!rect?.width) return;
    h.setPanning(false);
    this.#pinchView ??= h.currentView;
    h.setView(pinchView(this.#pinchView, start, now, rect, h.fit, h.fitPx));
  }
}

/** A replayed press may come after its pointer was lifted: then there is nothing to capture. */
function capture(svg: SVGSVGElement | undefined, pointerId: number): void {
  try {
    svg?.setPointerCapture?.(pointerId);
  } catch {
    // NotFoundError: the pointer is no longer active.
  }
}
