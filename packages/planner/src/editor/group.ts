import {
  type CatalogIndex,
  clampCoord,
  type Design,
  MAX_ITEMS,
  normalizeRotation,
  type PlacedItem,
} from './design.ts';
import { footprint } from './footprint.ts';
import { type Box, boxesOverlap } from './geometry.ts';

/**
 * Edits of several pieces at once (issue 11's multi-select): pure, like commands.ts, and
 * returning the same design when nothing changes, so an edit that moves nothing is no undo
 * step. The pieces are named by id; ids no longer in the design are ignored (a selection
 * may outlive a piece that undo took away).
 *
 * Geometry works on each piece's footprint box (the axis-aligned box around it as rotated),
 * which is what the shopper sees line up on the plan.
 */

export type AlignEdge = 'left' | 'right' | 'top' | 'bottom' | 'centre-x' | 'centre-y';
export type Axis = 'x' | 'y';

type Place = Partial<Pick<PlacedItem, 'x' | 'y' | 'rotation'>>;

/** The pieces of `ids` that are in the design, in the order of `ids`, each once. */
export function piecesOf(design: Design, ids: readonly string[]): PlacedItem[] {
  const byId = new Map(design.items.map((i) => [i.id, i]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

/** The box around all the pieces' footprints, or null for none. */
export function groupBox(pieces: readonly PlacedItem[], catalog: CatalogIndex): Box | null {
  if (!pieces.length) return null;
  const boxes = pieces.map((p) => footprint(p, catalog).box);
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

/**
 * Less than this is no move: coordinates are kept to a tenth of a centimetre, so a box lined up
 * once may be off by half of that, and lining it up again must not nudge it back and forth.
 */
const SLACK_CM = 0.06;
const to = (from: number, want: number | undefined) =>
  want === undefined || Math.abs(want - from) < SLACK_CM ? from : clampCoord(want);

/** Applies new places (rounded and kept in range as every edit is); same design when none moved. */
function place(design: Design, places: ReadonlyMap<string, Place>): Design {
  let changed = false;
  const items = design.items.map((item) => {
    const p = places.get(item.id);
    if (!p) return item;
    const next = {
      ...item,
      x: to(item.x, p.x),
      y: to(item.y, p.y),
      rotation: normalizeRotation(p.rotation ?? item.rotation),
    };
    if (next.x === item.x && next.y === item.y && next.rotation === item.rotation) return item;
    changed = true;
    return next;
  });
  return changed ? { ...design, items } : design;
}

export function moveGroup(design: Design, ids: readonly string[], dx: number, dy: number): Design {
  const places = new Map(piecesOf(design, ids).map((p) => [p.id, { x: p.x + dx, y: p.y + dy }]));
  return place(design, places);
}

/**
 * Turns the pieces together by `degrees` clockwise about the centre of their box: each
 * centre goes round it and each piece turns by as much, so the arrangement turns as one.
 */
export function rotateGroup(
  design: Design,
  ids: readonly string[],
  catalog: CatalogIndex,
  degrees: number,
): Design {
  const pieces = piecesOf(design, ids);
  const box = groupBox(pieces, catalog);
  if (!box) return design;
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const places = new Map(
    pieces.map((p) => {
      const x = p.x - cx;
      const y = p.y - cy;
      // y points down, so this is clockwise on screen, as rotations are.
      return [p.id, { x: cx + x * cos - y * sin, y: cy + x * sin + y * cos, rotation: p.rotation + degrees }];
    }),
  );
  return place(design, places);
}

/** Lines the pieces' boxes up on the group's edge (or its centre line). */
export function alignGroup(
  design: Design,
  ids: readonly string[],
  catalog: CatalogIndex,
  edge: AlignEdge,
): Design {
  const pieces = piecesOf(design, ids);
  const box = groupBox(pieces, catalog);
  if (!box || pieces.length < 2) return design;
  const places = new Map<string, Place>();
  for (const p of pieces) {
    const b = footprint(p, catalog).box;
    if (edge === 'left') places.set(p.id, { x: p.x + box.minX - b.minX });
    else if (edge === 'right') places.set(p.id, { x: p.x + box.maxX - b.maxX });
    else if (edge === 'top') places.set(p.id, { y: p.y + box.minY - b.minY });
    else if (edge === 'bottom') places.set(p.id, { y: p.y + box.maxY - b.maxY });
    else if (edge === 'centre-x') places.set(p.id, { x: p.x + (box.minX + box.maxX - b.minX - b.maxX) / 2 });
    else places.set(p.id, { y: p.y + (box.minY + box.maxY - b.minY - b.maxY) / 2 });
  }
  return place(design, places);
}

/**
 * Spaces the pieces evenly along an axis: in the order of their centres, the first and the
 * last stay where they are and the gaps between neighbouring boxes become equal.
 */
export function distributeGroup(
  design: Design,
  ids: readonly string[],
  catalog: CatalogIndex,
  axis: Axis,
): Design {
  const [lo, hi] = axis === 'x' ? (['minX', 'maxX'] as const) : (['minY', 'maxY'] as const);
  const sorted = piecesOf(design, ids)
    .map((p) => ({ p, b: footprint(p, catalog).box }))
    .sort((a, b) => a.b[lo] + a.b[hi] - (b.b[lo] + b.b[hi]));
  if (sorted.length < 3) return design;
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const sizes = sorted.reduce((sum, s) => sum + s.b[hi] - s.b[lo], 0);
  const gap = (last.b[hi] - first.b[lo] - sizes) / (sorted.length - 1);
  const places = new Map<string, Place>();
  let at = first.b[hi] + gap;
  for (const { p, b } of sorted.slice(1, -1)) {
    places.set(p.id, { [axis]: p[axis] + at - b[lo] });
    at += b[hi] - b[lo] + gap;
  }
  return place(design, places);
}

export function removeGroup(design: Design, ids: readonly string[]): Design {
  const gone = new Set(ids);
  const items = design.items.filter((i) => !gone.has(i.id));
  return items.length === design.items.length ? design : { ...design, items };
}

/**
 * Copies of the pieces, keeping their arrangement, offset as one so they do not hide the
 * originals: beside the group (right) when that stays in the room's box, else below it, else
 * 20 cm down and right. Each copy follows its original in the list. `copies` are the new
 * ids, in the order of `ids`; none when the room would hold more than it can.
 */
export function duplicateGroup(
  design: Design,
  ids: readonly string[],
  catalog: CatalogIndex,
  newId: () => string,
): { design: Design; copies: string[] } {
  const pieces = piecesOf(design, ids);
  const box = groupBox(pieces, catalog);
  if (!box || design.items.length + pieces.length > MAX_ITEMS) return { design, copies: [] };
  const xs = design.room.corners.map((c) => c.x);
  const ys = design.room.corners.map((c) => c.y);
  const w = box.maxX - box.minX;
  const h = box.maxY - box.minY;
  let dx = w;
  let dy = 0;
  if (box.maxX + w > Math.max(...xs)) {
    dx = 0;
    dy = h;
    if (box.maxY + h > Math.max(...ys)) {
      dx = 20;
      dy = 20;
    }
  }
  const copyOf = new Map<string, PlacedItem>();
  for (const p of pieces) {
    copyOf.set(p.id, { ...p, id: newId(), x: clampCoord(p.x + dx), y: clampCoord(p.y + dy) });
  }
  const items = design.items.flatMap((i) => {
    const copy = copyOf.get(i.id);
    return copy ? [i, copy] : [i];
  });
  return { design: { ...design, items }, copies: pieces.map((p) => copyOf.get(p.id)!.id) };
}

/** The pieces whose footprint touches the box (a marquee), in the design's order. */
export function piecesIn(design: Design, catalog: CatalogIndex, area: Box): string[] {
  return design.items.filter((i) => boxesOverlap(footprint(i, catalog).box, area, 0)).map((i) => i.id);
}

/**
 * A selection with `id` added, or taken out when it was in it. The first id is the primary
 * piece (the inspector's and the 3D view's); taking it out makes the next one primary.
 */
export function toggleInSelection(selection: readonly string[], id: string): string[] {
  return selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id];
}
