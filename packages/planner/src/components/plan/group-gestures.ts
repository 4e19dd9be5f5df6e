import { msg } from '@lit/localize';
import type { PlacedItem } from '../../editor/design.ts';
import type { Box } from '../../editor/geometry.ts';
import { piecesIn, piecesOf, toggleInSelection } from '../../editor/group.ts';
import { snapItemCentre } from '../../editor/snap.ts';
import type { GroupOp } from '../actions.ts';
import type { Point } from './drag.ts';
import { groupKeyAction, isSelectAll, isToggle } from './group-keys.ts';
import type { PlanHost } from './interaction.ts';
import { itemKeyAction } from './keys.ts';
import { PIECE_MARGIN_CM, roomBox } from './view.ts';

/**
 * Multi-select on the plan (issue 11): what a press grabs when it is about several pieces,
 * the group drag's and the marquee's previews, and the selection's keys.
 *
 * Dragging empty floor pans, with a mouse as with a finger; so a marquee needs a way in of
 * its own: Shift+drag (a mouse), or "Select" mode from the selection bar (a finger), in
 * which a drag on the floor marks an area and a tap on a piece adds it or takes it out. Two
 * fingers still pinch and pan in that mode (the drag controller turns a second finger into
 * a pinch). Shift+click toggles a piece. Pressing a piece of the selection drags them all.
 */
export type GroupTarget =
  | { kind: 'group'; id: string; ids: string[]; origins: PlacedItem[]; grab: Point }
  /** `toggle`: the piece the press was on, added or taken out when it ends as a tap. */
  | { kind: 'marquee'; start: Point; toggle: string | null };

/** What the plan draws for a group gesture under way (planner-canvas keeps it). */
export interface GroupPreview {
  /** The design's items with the dragged group moved. */
  items?: readonly PlacedItem[];
  dx?: number;
  dy?: number;
  marquee?: Box;
}

/** A group action without its pieces (the selection's are added). */
type OpOnSelection = GroupOp extends infer O ? (O extends GroupOp ? Omit<O, 'ids'> : never) : never;

export class GroupGestures {
  readonly #host: PlanHost;
  #mode = false;

  constructor(host: PlanHost) {
    this.#host = host;
  }

  /** "Select" mode: drags on the floor mark an area, taps toggle pieces. */
  get mode(): boolean {
    return this.#mode;
  }

  toggleMode(): void {
    this.#mode = !this.#mode;
    this.#host.redraw();
    this.#host.say(
      this.#mode
        ? msg('Select mode on: tap pieces to add or remove them, drag across the floor to select an area.')
        : msg('Select mode off: dragging the floor pans the plan.'),
    );
  }

  /** The selected pieces that exist, the primary one first. */
  get selection(): string[] {
    const h = this.#host;
    const ids = h.group.length ? h.group : h.selectedId ? [h.selectedId] : [];
    return piecesOf(h.design, ids).map((p) => p.id);
  }

  /** A group action on the selection (the selection bar's buttons). */
  run(op: OpOnSelection): void {
    // The spread keeps `op`'s kind with its fields; TypeScript cannot see that through Omit.
    this.#host.emit({ type: 'group', op: { ...op, ids: this.selection } as GroupOp });
  }

  select(ids: readonly string[]): void {
    this.#host.emit({ type: 'group', op: { kind: 'select', ids } });
  }

  /**
   * A press that is about several pieces, or null (then the plan's other gestures apply): with
   * Shift or in select mode, on a piece or the floor; or on a piece of a selection of several.
   */
  press(e: PointerEvent, kind: string | null | undefined, id: string, grab: Point): GroupTarget | null {
    const floor = !kind;
    if ((e.shiftKey || this.#mode) && (floor || kind === 'move'))
      return { kind: 'marquee', start: grab, toggle: floor ? null : id };
    const ids = this.selection;
    if (kind !== 'move' || ids.length < 2 || !ids.includes(id)) return null;
    return { kind: 'group', id, ids, origins: piecesOf(this.#host.design, ids), grab };
  }

  /** The preview with the pointer at plan point `p`; `step` is the grid (0: none). */
  preview(t: GroupTarget, p: Point, step: number): GroupPreview {
    const h = this.#host;
    if (t.kind === 'marquee') {
      const s = t.start;
      return {
        marquee: {
          minX: Math.min(s.x, p.x),
          minY: Math.min(s.y, p.y),
          maxX: Math.max(s.x, p.x),
          maxY: Math.max(s.y, p.y),
        },
      };
    }
    // The grabbed piece snaps as a piece dragged alone does; the others keep their places around it.
    const o = t.origins.find((i) => i.id === t.id) ?? t.origins[0]!;
    let x = o.x + p.x - t.grab.x;
    let y = o.y + p.y - t.grab.y;
    const c = h.catalog.get(o.catalog_id);
    if (step) ({ x, y } = snapItemCentre(x, y, c?.width_cm ?? 50, c?.depth_cm ?? 50, o.rotation, step));
    // Every centre stays within the margin around the room, as for a single piece.
    const b = roomBox(h.design.room);
    const m = PIECE_MARGIN_CM;
    const xs = t.origins.map((i) => i.x);
    const ys = t.origins.map((i) => i.y);
    const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)) * 10) / 10;
    const dx = clamp(x - o.x, b.minX - m - Math.min(...xs), b.maxX + m - Math.max(...xs));
    const dy = clamp(y - o.y, b.minY - m - Math.min(...ys), b.maxY + m - Math.max(...ys));
    const moving = new Set(t.ids);
    const items = h.design.items.map((i) => (moving.has(i.id) ? { ...i, x: i.x + dx, y: i.y + dy } : i));
    return { items, dx, dy };
  }

  finish(t: GroupTarget, last: GroupPreview | null): void {
    const h = this.#host;
    if (t.kind === 'group') {
      if (last?.dx || last?.dy)
        h.emit({ type: 'group', op: { kind: 'move', ids: t.ids, dx: last.dx ?? 0, dy: last.dy ?? 0 } });
      return;
    }
    const area = last?.marquee;
    if (!area) return;
    const hits = piecesIn(h.design, h.catalog, area);
    if (!hits.length) {
      h.say(msg('No pieces in the marked area.'));
      return;
    }
    const sel = this.selection;
    this.select([...sel, ...hits.filter((id) => !sel.includes(id))]);
  }

  /** A press that did not move: a piece of the group alone becomes the selection; Shift or select mode toggles. */
  tap(t: GroupTarget): void {
    if (t.kind === 'group') this.#host.select(t.id);
    else if (t.toggle) this.select(toggleInSelection(this.selection, t.toggle));
  }

  /**
   * The selection's keys, on a piece (`focusId`) or the plan itself (null). True when the key
   * was one. Focus moving (Tab) keeps a selection of several, so a piece outside it that gets
   * a piece's key first becomes the selection on its own.
   */
  key(e: KeyboardEvent, focusId: string | null, cancelDrag: () => boolean): boolean {
    const h = this.#host;
    const sel = this.selection;
    const done = () => {
      e.preventDefault();
      e.stopPropagation();
      return true;
    };
    if (isSelectAll(e)) {
      const all = h.design.items.map((i) => i.id);
      if (!all.length) h.say(msg('There are no pieces to select.'));
      else {
        const primary = focusId ?? sel[0] ?? all[0]!;
        this.select([primary, ...all.filter((id) => id !== primary)]);
      }
      return done();
    }
    if (focusId && isToggle(e)) {
      this.select(toggleInSelection(sel, focusId));
      return done();
    }
    if (e.key === 'Escape' && (sel.length > 1 || (!focusId && sel.length))) {
      if (!cancelDrag()) this.select([]);
      return done();
    }
    if (sel.length < 2) return false;
    if (focusId && !sel.includes(focusId)) {
      if (itemKeyAction(e, focusId)) h.select(focusId);
      return false;
    }
    const op = groupKeyAction(e, sel);
    if (!op || op === 'escape') return false;
    h.emit({ type: 'group', op });
    return done();
  }
}
