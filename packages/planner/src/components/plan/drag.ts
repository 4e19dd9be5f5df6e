/**
 * Pointer bookkeeping for the plan: one drag at a time (a piece, the rotate handle, a corner,
 * a wall, an opening, or the view itself), and a pinch when a second finger comes down. Pure
 * Pointer Events, so mouse, pen and touch drag alike; the plan has `touch-action: none`, so
 * a finger moves what it holds instead of scrolling the page.
 *
 * It only tracks pointers and thresholds: the canvas says what a press grabbed (`start`),
 * draws the previews (`preview`), and commits or drops them (`finish`, `cancel`).
 */

/** Pixels a pointer must travel before a press becomes a drag (so a tap only selects). */
export const DRAG_THRESHOLD_PX = 3;

export interface Point {
  x: number;
  y: number;
}

export interface DragHost<T> {
  /** A drag moved: the pointer's client position, and the event for its modifier keys. */
  preview(target: T, client: Point, e: PointerEvent): void;
  /** The drag ended with the pointer up (after it moved past the threshold). */
  finish(target: T): void;
  /** A drag that had moved was dropped (Escape, pointercancel, a second finger). */
  cancel(target: T): void;
  /** Two fingers: their distance and midpoint now and when the pinch began. */
  pinch(start: { distance: number; mid: Point }, now: { distance: number; mid: Point }): void;
  pinchEnd(): void;
}

interface Active<T> {
  target: T;
  pointerId: number;
  start: Point;
  moved: boolean;
}

export class DragController<T> {
  readonly #host: DragHost<T>;
  readonly #down = new Map<number, Point>();
  #drag: Active<T> | undefined;
  #pinch: { a: number; b: number; distance: number; mid: Point } | undefined;

  constructor(host: DragHost<T>) {
    this.#host = host;
  }

  get target(): T | undefined {
    return this.#drag?.target;
  }

  get pinching(): boolean {
    return this.#pinch !== undefined;
  }

  /**
   * A press on something draggable. `moved` starts a drag at once (the rotate handle turns
   * with the first move). Returns false when a pinch is under way, or another drag.
   */
  start(e: PointerEvent, target: T, moved = false): boolean {
    this.#down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (this.#down.size === 2 && e.pointerType === 'touch') {
      this.#startPinch();
      return false;
    }
    if (this.#drag || this.#pinch) return false;
    this.#drag = { target, pointerId: e.pointerId, start: { x: e.clientX, y: e.clientY }, moved };
    return true;
  }

  move(e: PointerEvent): void {
    if (!this.#down.has(e.pointerId)) return;
    this.#down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const pinch = this.#pinch;
    if (pinch) {
      const a = this.#down.get(pinch.a);
      const b = this.#down.get(pinch.b);
      if (a && b) this.#host.pinch(pinch, measure(a, b));
      return;
    }
    const drag = this.#drag;
    if (!drag || e.pointerId !== drag.pointerId) return;
    if (!drag.moved) {
      if (Math.hypot(e.clientX - drag.start.x, e.clientY - drag.start.y) < DRAG_THRESHOLD_PX) return;
      drag.moved = true;
    }
    this.#host.preview(drag.target, { x: e.clientX, y: e.clientY }, e);
  }

  /** Returns the target of a drag that ended without moving (a tap), if this pointer had one. */
  up(e: PointerEvent): { tapped: T } | null {
    const had = this.#down.delete(e.pointerId);
    if (this.#pinch) {
      if (e.pointerId === this.#pinch.a || e.pointerId === this.#pinch.b) {
        this.#pinch = undefined;
        this.#host.pinchEnd();
      }
      return null;
    }
    const drag = this.#drag;
    if (!had || !drag || e.pointerId !== drag.pointerId) return null;
    this.#drag = undefined;
    if (drag.moved) {
      this.#host.finish(drag.target);
      return null;
    }
    return { tapped: drag.target };
  }

  /** pointercancel, Escape, or what was dragged disappeared. */
  cancel(pointerId?: number): void {
    if (pointerId !== undefined) this.#down.delete(pointerId);
    const drag = this.#drag;
    this.#drag = undefined;
    if (drag?.moved) this.#host.cancel(drag.target);
    if (
      this.#pinch &&
      (pointerId === undefined || pointerId === this.#pinch.a || pointerId === this.#pinch.b)
    ) {
      this.#pinch = undefined;
      this.#host.pinchEnd();
    }
  }

  #startPinch(): void {
    // A second finger turns whatever the first one held into a pinch of the view.
    const drag = this.#drag;
    this.#drag = undefined;
    if (drag?.moved) this.#host.cancel(drag.target);
    const [a, b] = [...this.#down.keys()];
    if (a === undefined || b === undefined) return;
    this.#pinch = { a, b, ...measure(this.#down.get(a)!, this.#down.get(b)!) };
  }
}

function measure(a: Point, b: Point): { distance: number; mid: Point } {
  return { distance: Math.hypot(b.x - a.x, b.y - a.y) || 1, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
}
