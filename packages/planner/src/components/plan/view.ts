import type { Room } from '../../editor/design.ts';

/**
 * What part of the plan the canvas shows. `zoom` 1 is "fit to room": the room's box and a
 * margin for the walls and dimension labels. The view follows the room only, never the
 * furniture, so a piece dragged far away cannot shrink the room on screen; instead pieces
 * are kept within `PIECE_MARGIN_CM` of the room's box.
 */
export interface View {
  zoom: number;
  /** The centre of the view, cm on the plan. */
  cx: number;
  cy: number;
}

export interface ViewBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 8;
export const ZOOM_STEP = 1.25;
/** Piece centres stay this close to the room's box. */
export const PIECE_MARGIN_CM = 100;

export interface RoomBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function roomBox(room: Room): RoomBox {
  const xs = room.corners.map((c) => c.x);
  const ys = room.corners.map((c) => c.y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** The view at zoom 1: the room's box, more room above and left for the dimension lines. `px`: screen px per cm at fit. */
export function fitBox(room: Room, px: number): ViewBox {
  const b = roomBox(room);
  const size = Math.max(b.maxX - b.minX, b.maxY - b.minY);
  const pad = Math.max(36, size * 0.085, 52 / px) + room.wall_thickness_cm;
  const far = Math.max(pad * 0.45, 22 / px) + room.wall_thickness_cm;
  return { x: b.minX - pad, y: b.minY - pad, w: b.maxX - b.minX + pad + far, h: b.maxY - b.minY + pad + far };
}

export function fitView(fit: ViewBox): View {
  return { zoom: 1, cx: fit.x + fit.w / 2, cy: fit.y + fit.h / 2 };
}

/** Keeps the centre over the room and its margin, the zoom in range. */
export function clampView(view: View, fit: ViewBox): View {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom));
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return { zoom, cx: clamp(view.cx, fit.x, fit.x + fit.w), cy: clamp(view.cy, fit.y, fit.y + fit.h) };
}

export function viewBox(view: View, fit: ViewBox): ViewBox {
  const w = fit.w / view.zoom;
  const h = fit.h / view.zoom;
  return { x: view.cx - w / 2, y: view.cy - h / 2, w, h };
}

/** Zooms by `factor`, keeping the plan point `at` where it is on screen. */
export function zoomAt(view: View, factor: number, at: { x: number; y: number }, fit: ViewBox): View {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
  const k = view.zoom / zoom;
  return clampView({ zoom, cx: at.x + (view.cx - at.x) * k, cy: at.y + (view.cy - at.y) * k }, fit);
}

export function panBy(view: View, dx: number, dy: number, fit: ViewBox): View {
  return clampView({ ...view, cx: view.cx + dx, cy: view.cy + dy }, fit);
}

/** A piece's centre kept within the margin around the room's box. */
export function keepNear(room: Room, x: number, y: number): { x: number; y: number } {
  const b = roomBox(room);
  const m = PIECE_MARGIN_CM;
  return {
    x: Math.min(b.maxX + m, Math.max(b.minX - m, x)),
    y: Math.min(b.maxY + m, Math.max(b.minY - m, y)),
  };
}

/** The plan point at a client position, for a view box drawn in `rect` (SVG's xMidYMid meet). */
export function planPointIn(rect: DOMRect, vb: ViewBox, client: { x: number; y: number }) {
  const s = Math.min(rect.width / vb.w, rect.height / vb.h);
  const ox = rect.left + (rect.width - vb.w * s) / 2;
  const oy = rect.top + (rect.height - vb.h * s) / 2;
  return { x: vb.x + (client.x - ox) / s, y: vb.y + (client.y - oy) / s };
}

type Fingers = { distance: number; mid: { x: number; y: number } };

/**
 * Two fingers: the view they began on, zoomed by how far they spread, the plan point under
 * their first midpoint kept under their midpoint now (so the fingers also pan).
 */
export function pinchView(
  from: View,
  start: Fingers,
  now: Fingers,
  rect: DOMRect,
  fit: ViewBox,
  fitPx: number,
): View {
  const at = planPointIn(rect, viewBox(from, fit), start.mid);
  const zoomed = zoomAt(from, now.distance / start.distance, at, fit);
  const px = fitPx * zoomed.zoom;
  return panBy(zoomed, -(now.mid.x - start.mid.x) / px, -(now.mid.y - start.mid.y) / px, fit);
}
